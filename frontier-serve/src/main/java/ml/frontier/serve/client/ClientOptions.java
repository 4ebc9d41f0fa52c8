package ml.frontier.serve.client;

import ml.frontier.core.image.ImageShape;

import java.time.Duration;
import java.util.List;

/**
 * How a {@link RemoteClassifier} talks to its endpoint.
 *
 * @param connectTimeout  TCP connect timeout
 * @param requestTimeout  time allowed for one exchange
 * @param maxBatch        most images per request
 * @param maxRetries      retries after a connection error or a 429/502/503/504 (gRPC: UNAVAILABLE)
 * @param retryBackoff    wait before the first retry; doubled before each next one
 * @param numClasses      class count when the endpoint exposes labels only (0 = from metadata,
 *                        else {@link #DEFAULT_CLASSES})
 * @param inputShape      image shape when the endpoint declares a flattened or variable-size
 *                        input (null = guess: 784 → 1x28x28, 3072 → 3x32x32, a square → 1xSxS)
 * @param headers         extra headers (gRPC: metadata) on every request; {@code Host} sets the
 *                        authority an ingress routes on
 * @param tls             CA certificate and client certificate for https/grpcs (null = the JVM's trust store)
 * @param deadline        most time one {@code connect} or {@code predict} may take, all requests
 *                        and retries included (null = no overall bound)
 * @param wire            how REST tensors travel: {@link Wire#AUTO} uses the binary extension when
 *                        the server lists it
 */
public record ClientOptions(Duration connectTimeout, Duration requestTimeout, int maxBatch, int maxRetries,
                            Duration retryBackoff, int numClasses, ImageShape inputShape, List<HttpHeader> headers,
                            TlsFiles tls, Duration deadline, Wire wire) {

    public static final int DEFAULT_CLASSES = 10;

    /** REST tensor encoding. */
    public enum Wire { AUTO, JSON, BINARY }

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
        if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
            throw new IllegalArgumentException("the deadline must be positive");
        }
        headers = List.copyOf(headers);
        if (wire == null) {
            throw new IllegalArgumentException("the wire encoding must be given");
        }
    }

    /** 5 s connect, 60 s per request, batches of 256, 3 retries from 200 ms, no extra headers, automatic encoding. */
    public static ClientOptions defaults() {
        return new ClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(60), 256, 3, Duration.ofMillis(200), 0, null,
                List.of(), null, null, Wire.AUTO);
    }

    public ClientOptions withMaxBatch(int n) {
        return new ClientOptions(connectTimeout, requestTimeout, n, maxRetries, retryBackoff, numClasses, inputShape,
                headers, tls, deadline, wire);
    }

    public ClientOptions withRetries(int retries, Duration backoff) {
        return new ClientOptions(connectTimeout, requestTimeout, maxBatch, retries, backoff, numClasses, inputShape,
                headers, tls, deadline, wire);
    }

    public ClientOptions withTimeouts(Duration connect, Duration request) {
        return new ClientOptions(connect, request, maxBatch, maxRetries, retryBackoff, numClasses, inputShape,
                headers, tls, deadline, wire);
    }

    public ClientOptions withNumClasses(int k) {
        return new ClientOptions(connectTimeout, requestTimeout, maxBatch, maxRetries, retryBackoff, k, inputShape,
                headers, tls, deadline, wire);
    }

    public ClientOptions withInputShape(ImageShape shape) {
        return new ClientOptions(connectTimeout, requestTimeout, maxBatch, maxRetries, retryBackoff, numClasses, shape,
                headers, tls, deadline, wire);
    }

    public ClientOptions withHeaders(List<HttpHeader> extra) {
        return new ClientOptions(connectTimeout, requestTimeout, maxBatch, maxRetries, retryBackoff, numClasses, inputShape,
                extra, tls, deadline, wire);
    }

    public ClientOptions withTls(TlsFiles files) {
        return new ClientOptions(connectTimeout, requestTimeout, maxBatch, maxRetries, retryBackoff, numClasses, inputShape,
                headers, files, deadline, wire);
    }

    public ClientOptions withDeadline(Duration overall) {
        return new ClientOptions(connectTimeout, requestTimeout, maxBatch, maxRetries, retryBackoff, numClasses, inputShape,
                headers, tls, overall, wire);
    }

    public ClientOptions withWire(Wire encoding) {
        return new ClientOptions(connectTimeout, requestTimeout, maxBatch, maxRetries, retryBackoff, numClasses, inputShape,
                headers, tls, deadline, encoding);
    }
}
