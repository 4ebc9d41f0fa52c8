package ml.frontier.serve.client;

import ml.frontier.core.image.ImageShape;

import java.time.Duration;

/**
 * How a {@link RemoteClassifier} talks to its endpoint.
 *
 * @param connectTimeout  TCP connect timeout
 * @param requestTimeout  time allowed for one HTTP exchange
 * @param maxBatch        most images per request
 * @param maxRetries      retries after a connection error (never after an HTTP answer)
 * @param retryBackoff    wait before the first retry; doubled before each next one
 * @param numClasses      class count when the endpoint exposes labels only (0 = from metadata,
 *                        else {@link #DEFAULT_CLASSES})
 * @param inputShape      image shape when the endpoint declares a flattened input (null = guess
 *                        from the size: 784 → 1x28x28, 3072 → 3x32x32, a square → 1xSxS)
 */
public record ClientOptions(Duration connectTimeout, Duration requestTimeout, int maxBatch, int maxRetries,
                            Duration retryBackoff, int numClasses, ImageShape inputShape) {

    public static final int DEFAULT_CLASSES = 10;

    public ClientOptions {
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive");
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("max batch must be at least 1, got " + maxBatch);
        }
        if (maxRetries < 0 || maxRetries > 20) {
            throw new IllegalArgumentException("retries must be in 0..20, got " + maxRetries);
        }
        if (retryBackoff == null || retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retry backoff must not be negative");
        }
        if (numClasses < 0) {
            throw new IllegalArgumentException("class count must not be negative, got " + numClasses);
        }
    }

    /** 5 s connect, 60 s per request, batches of 256, 3 retries from 200 ms, classes from metadata. */
    public static ClientOptions defaults() {
        return new ClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(60), 256, 3, Duration.ofMillis(200), 0, null);
    }

    public ClientOptions withMaxBatch(int n) {
        return new ClientOptions(connectTimeout, requestTimeout, n, maxRetries, retryBackoff, numClasses, inputShape);
    }

    public ClientOptions withRetries(int retries, Duration backoff) {
        return new ClientOptions(connectTimeout, requestTimeout, maxBatch, retries, backoff, numClasses, inputShape);
    }

    public ClientOptions withTimeouts(Duration connect, Duration request) {
        return new ClientOptions(connect, request, maxBatch, maxRetries, retryBackoff, numClasses, inputShape);
    }

    public ClientOptions withNumClasses(int k) {
        return new ClientOptions(connectTimeout, requestTimeout, maxBatch, maxRetries, retryBackoff, k, inputShape);
    }

    public ClientOptions withInputShape(ImageShape shape) {
        return new ClientOptions(connectTimeout, requestTimeout, maxBatch, maxRetries, retryBackoff, numClasses, shape);
    }
}
