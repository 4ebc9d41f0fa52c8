package ml.frontier.cli.common;

import ml.frontier.core.FrontierException;
import picocli.CommandLine;

/**
 * Turns exceptions into one-line messages and DESIGN.md's exit codes: 2 for bad input
 * (a bad file, flag or request), 3 for an internal failure. The stack trace appears only with
 * {@code FRONTIER_DEBUG=1}.
 */
public final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    public static final int BAD_INPUT = 2;
    public static final int INTERNAL = 3;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        Throwable cause = ex;
        while (cause instanceof java.util.concurrent.ExecutionException || cause instanceof java.io.UncheckedIOException
                || (cause instanceof RuntimeException && cause.getCause() instanceof FrontierException)) {
            cause = cause.getCause();
        }
        int code;
        String message;
        if (cause instanceof FrontierException fe) {
            code = fe.isBadInput() ? BAD_INPUT : INTERNAL;
            message = fe.getMessage();
        } else if (cause instanceof IllegalArgumentException || cause instanceof CommandLine.ParameterException) {
            code = BAD_INPUT;
            message = cause.getMessage();
        } else {
            code = INTERNAL;
            message = "internal error: " + cause;
        }
        cl.getErr().println("frontier: " + oneLine(message));
        if ("1".equals(System.getenv("FRONTIER_DEBUG"))) {
            cause.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return code;
    }

    /** A message quoting a damaged file can hold line breaks and control bytes: the user gets one line. */
    static String oneLine(String message) {
        return String.valueOf(message).replaceAll("[\\p{Cntrl}&&[^\t]]+", " ").strip();
    }
}
