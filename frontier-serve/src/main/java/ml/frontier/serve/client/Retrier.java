package ml.frontier.serve.client;

import ml.frontier.core.FrontierException;

import java.time.Duration;

/**
 * Runs an exchange with retries: after a {@link Retryable} failure (a connection error, a
 * 429/502/503/504, gRPC UNAVAILABLE — what a scaling-from-zero or restarting deployment
 * answers) it waits, doubling the wait each time, or as long as the server's Retry-After says,
 * and gives up after the last retry or when the overall deadline would pass.
 */
final class Retrier {

    /** One attempt; {@code timeout} is what is left of the per-request timeout and the deadline. */
    @FunctionalInterface
    interface Attempt<T> {
        T run(Duration timeout) throws FrontierException, Retryable;
    }

    /** A failure worth another attempt. */
    static final class Retryable extends Exception {
        private static final long serialVersionUID = 1L;
        final Duration retryAfter;

        Retryable(String message, Duration retryAfterOrNull, Throwable cause) {
            super(message, cause, false, false);
            this.retryAfter = retryAfterOrNull;
        }
    }

    private final ClientOptions options;

    Retrier(ClientOptions options) {
        this.options = options;
    }

    /** The instant (System.nanoTime) by which an operation started now must end, or Long.MAX_VALUE. */
    long deadlineFromNow() {
        return options.deadline() == null ? Long.MAX_VALUE : System.nanoTime() + options.deadline().toNanos();
    }

    <T> T run(String what, long deadlineNanos, Attempt<T> attempt) throws FrontierException {
        long backoff = options.retryBackoff().toMillis();
        int attempts = options.maxRetries() + 1;
        for (int n = 1; ; n++) {
            Duration timeout = timeout(what, deadlineNanos);
            try {
                return attempt.run(timeout);
            } catch (Retryable e) {
                long wait = e.retryAfter != null ? Math.max(backoff, e.retryAfter.toMillis()) : backoff;
                boolean lastTry = n >= attempts;
                boolean noTime = deadlineNanos != Long.MAX_VALUE && System.nanoTime() + wait * 1_000_000 >= deadlineNanos;
                if (lastTry || noTime) {
                    throw new FrontierException(e.getMessage() + " (" + what + ": gave up after " + n
                            + (n == 1 ? " attempt" : " attempts") + (noTime && !lastTry ? ", the overall deadline of "
                            + options.deadline().toMillis() + " ms would pass" : "") + ")", e.getCause());
                }
                pause(wait);
                backoff *= 2;
            }
        }
    }

    private Duration timeout(String what, long deadlineNanos) throws FrontierException {
        if (deadlineNanos == Long.MAX_VALUE) {
            return options.requestTimeout();
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new FrontierException(what + ": the overall deadline of " + options.deadline().toMillis() + " ms has passed");
        }
        return Duration.ofNanos(Math.min(left, options.requestTimeout().toNanos()));
    }

    private static void pause(long millis) throws FrontierException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FrontierException("interrupted while retrying", e);
        }
    }
}
