package ml.frontier.serve;

/**
 * A request the server refuses, with the HTTP status to answer and a one-line message for the
 * OIP error body {@code {"error": "..."}}.
 *
 * <p>Thrown by the protocol and inference layers, which know nothing of HTTP libraries; the
 * HTTP layer's single exception mapper turns it into a response.
 */
public final class OipException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public OipException(int status, String message) {
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status must be 4xx or 5xx, got " + status);
        }
        this.status = status;
    }

    /** 400: the request is malformed or does not fit the model. */
    public static OipException badRequest(String message) {
        return new OipException(400, message);
    }

    /** 404: no such model. */
    public static OipException notFound(String message) {
        return new OipException(404, message);
    }

    /** 413: body or batch past the server's bound. */
    public static OipException tooLarge(String message) {
        return new OipException(413, message);
    }

    /** 401: missing or wrong bearer token. */
    public static OipException unauthorized(String message) {
        return new OipException(401, message);
    }

    /** The HTTP status to answer. */
    public int status() {
        return status;
    }
}
