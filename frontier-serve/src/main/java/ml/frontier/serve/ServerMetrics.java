package ml.frontier.serve;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The server's Prometheus metrics, kept by the Prometheus Java client in a registry of this
 * server's own (no global state): requests by method, endpoint and status (gRPC calls as method
 * {@code GRPC} with the HTTP status their code stands for); a latency histogram per endpoint;
 * images inferred per model; requests and images per client (read from the
 * {@link ClientAudit}); and the library's JVM and process metrics (memory, GC, threads, CPU,
 * open file descriptors).
 */
public final class ServerMetrics {

    /** Histogram bucket bounds in seconds. */
    private static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram latency;
    private final Counter images;

    public ServerMetrics(ClientAudit audit) {
        requests = Counter.builder().name("frontier_http_requests_total")
                .help("Requests by method, endpoint and status (gRPC: method GRPC, the status its code stands for).")
                .labelNames("method", "endpoint", "status").register(registry);
        latency = Histogram.builder().name("frontier_http_request_duration_seconds").help("Request latency by endpoint.")
                .classicOnly().classicUpperBounds(BUCKETS).labelNames("endpoint").register(registry);
        images = Counter.builder().name("frontier_images_inferred_total").help("Images answered, by model.")
                .labelNames("model").register(registry);
        CounterWithCallback.builder().name("frontier_client_requests_total")
                .help("Inference requests, by client (token identity or address).").labelNames("client")
                .callback(cb -> audit.snapshot().forEach((c, n) -> cb.call(n.requests(), c))).register(registry);
        CounterWithCallback.builder().name("frontier_client_images_total")
                .help("Images queried, by client (token identity or address).").labelNames("client")
                .callback(cb -> audit.snapshot().forEach((c, n) -> cb.call(n.images(), c))).register(registry);
        JvmMetrics.builder().register(registry);
    }

    /** Records one finished request. */
    public void request(String method, String endpoint, int status, double seconds) {
        requests.labelValues(method, endpoint, Integer.toString(status)).inc();
        latency.labelValues(endpoint).observe(seconds);
    }

    /** Records {@code n} images answered by {@code model}. */
    public void images(String model, int n) {
        images.labelValues(model).inc(n);
    }

    /** Total requests recorded with this method, endpoint and status. */
    public long requestCount(String method, String endpoint, int status) {
        return requests.labelValues(method, endpoint, Integer.toString(status)).getLongValue();
    }

    /** The Prometheus text exposition (format 0.0.4). */
    public String render() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
