package ml.frontier.serve.client;

import java.util.concurrent.atomic.AtomicLong;

/** Payload bytes a transport has sent and received (bodies or framed messages), thread-safe. */
final class WireBytes {

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();

    void addSent(long n) {
        sent.addAndGet(n);
    }

    void addReceived(long n) {
        received.addAndGet(n);
    }

    long sent() {
        return sent.get();
    }

    long received() {
        return received.get();
    }
}
