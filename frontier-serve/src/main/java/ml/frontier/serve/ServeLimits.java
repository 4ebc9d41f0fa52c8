package ml.frontier.serve;

import java.util.Map;

/**
 * A server's bounds: request body bytes and images per request (both answered with 413 past
 * the bound), and how many inferences may run at once (the rest wait their turn).
 */
public record ServeLimits(long maxBodyBytes, int maxBatch, int maxConcurrency) {

    public static final long DEFAULT_MAX_BODY = 16L << 20;
    public static final int DEFAULT_MAX_BATCH = 1024;

    public ServeLimits {
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("max body must be at least 1024 bytes, got " + maxBodyBytes);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("max batch must be at least 1, got " + maxBatch);
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("max concurrency must be at least 1, got " + maxConcurrency);
        }
    }

    /** The limits as the server publishes them in {@code GET /v2}. */
    public Map<String, Object> asMap() {
        return Map.of("max_body_bytes", maxBodyBytes, "max_batch", maxBatch, "max_concurrency", maxConcurrency);
    }

    /** 16 MiB, 1024 images, one inference per available core. */
    public static ServeLimits defaults() {
        return new ServeLimits(DEFAULT_MAX_BODY, DEFAULT_MAX_BATCH, Runtime.getRuntime().availableProcessors());
    }
}
