package ml.frontier.serve.http;

import ml.frontier.serve.OipException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes a request body through and fails with 413 once it grows past the bound. */
final class BoundedInputStream extends FilterInputStream {

    private final long limit;
    private long count;

    BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    private void advance(long n) {
        count += n;
        if (count > limit) {
            throw tooLarge(limit);
        }
    }

    static OipException tooLarge(long limit) {
        return OipException.tooLarge("the request body is larger than this server's limit of " + limit + " bytes");
    }
}
