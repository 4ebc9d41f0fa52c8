package ml.frontier.core;

/**
 * A failure the user can act on: a bad file, a bad parameter, an unreachable model.
 *
 * <p>Every edge (CLI, HTTP, gRPC) turns it into a one-line message; {@link #isBadInput()}
 * tells the CLI to exit with code 2 (bad input) rather than 3 (internal failure).
 */
public class FrontierException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean badInput;

    public FrontierException(String message) {
        this(message, null, true);
    }

    public FrontierException(String message, Throwable cause) {
        this(message, cause, true);
    }

    protected FrontierException(String message, Throwable cause, boolean badInput) {
        super(message, cause);
        this.badInput = badInput;
    }

    /** An internal failure (exit code 3): the input was fine, something else broke. */
    public static FrontierException internal(String message, Throwable cause) {
        return new FrontierException(message, cause, false);
    }

    /** True when the user's input (file, flag, request) caused the failure. */
    public boolean isBadInput() {
        return badInput;
    }
}
