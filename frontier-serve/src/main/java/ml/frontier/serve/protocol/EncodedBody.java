package ml.frontier.serve.protocol;

/**
 * A request or response body, and the length of its JSON header when binary tensor contents
 * follow it ({@code Inference-Header-Content-Length}); -1 when the body is all JSON.
 */
public record EncodedBody(byte[] body, int headerLength) {

    /** True when binary contents follow a JSON header. */
    public boolean binary() {
        return headerLength >= 0;
    }
}
