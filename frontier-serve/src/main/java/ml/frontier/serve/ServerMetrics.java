package ml.frontier.serve;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Prometheus text-format metrics: requests by method, endpoint and status; a latency histogram
 * per endpoint; images inferred per model; requests and images per client (from the
 * {@link ClientAudit}).
 */
public final class ServerMetrics {

    /** Histogram bucket bounds in seconds. */
    private static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private record RequestKey(String method, String endpoint, int status) {}

    /** One endpoint's latency histogram. */
    private static final class Histogram {
        final LongAdder[] counts = new LongAdder[BUCKETS.length];
        final LongAdder count = new LongAdder();
        final DoubleAdder sum = new DoubleAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    counts[i].increment();
                    break;
                }
            }
            count.increment();
            sum.add(seconds);
        }
    }

    private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> images = new ConcurrentHashMap<>();
    private final ClientAudit audit;

    public ServerMetrics(ClientAudit audit) {
        this.audit = audit;
    }

    /** Records one finished HTTP request. */
    public void request(String method, String endpoint, int status, double seconds) {
        requests.computeIfAbsent(new RequestKey(method, endpoint, status), k -> new LongAdder()).increment();
        latency.computeIfAbsent(endpoint, k -> new Histogram()).observe(seconds);
    }

    /** Records {@code n} images answered by {@code model}. */
    public void images(String model, int n) {
        images.computeIfAbsent(model, k -> new LongAdder()).add(n);
    }

    /** Total requests recorded with this method, endpoint and status. */
    public long requestCount(String method, String endpoint, int status) {
        LongAdder a = requests.get(new RequestKey(method, endpoint, status));
        return a == null ? 0 : a.sum();
    }

    /** The Prometheus text exposition (format 0.0.4). */
    public String render() {
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP frontier_http_requests_total HTTP requests by method, endpoint and status.\n");
        out.append("# TYPE frontier_http_requests_total counter\n");
        Map<String, Long> byLabels = new TreeMap<>();
        requests.forEach((k, n) -> byLabels.put("{method=\"" + esc(k.method()) + "\",endpoint=\"" + esc(k.endpoint())
                + "\",status=\"" + k.status() + "\"}", n.sum()));
        byLabels.forEach((labels, n) -> out.append("frontier_http_requests_total").append(labels).append(' ').append(n).append('\n'));

        out.append("# HELP frontier_http_request_duration_seconds HTTP request latency by endpoint.\n");
        out.append("# TYPE frontier_http_request_duration_seconds histogram\n");
        new TreeMap<>(latency).forEach((endpoint, h) -> {
            String ep = "endpoint=\"" + esc(endpoint) + "\"";
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += h.counts[i].sum();
                out.append("frontier_http_request_duration_seconds_bucket{").append(ep).append(",le=\"")
                        .append(BUCKETS[i]).append("\"} ").append(cumulative).append('\n');
            }
            out.append("frontier_http_request_duration_seconds_bucket{").append(ep).append(",le=\"+Inf\"} ")
                    .append(h.count.sum()).append('\n');
            out.append("frontier_http_request_duration_seconds_sum{").append(ep).append("} ").append(h.sum.sum()).append('\n');
            out.append("frontier_http_request_duration_seconds_count{").append(ep).append("} ").append(h.count.sum()).append('\n');
        });

        out.append("# HELP frontier_images_inferred_total Images answered, by model.\n");
        out.append("# TYPE frontier_images_inferred_total counter\n");
        new TreeMap<>(images).forEach((m, n) ->
                out.append("frontier_images_inferred_total{model=\"").append(esc(m)).append("\"} ").append(n.sum()).append('\n'));

        Map<String, ClientAudit.Counts> clients = audit.snapshot();
        out.append("# HELP frontier_client_requests_total Inference requests, by client (token identity or address).\n");
        out.append("# TYPE frontier_client_requests_total counter\n");
        clients.forEach((c, n) ->
                out.append("frontier_client_requests_total{client=\"").append(esc(c)).append("\"} ").append(n.requests()).append('\n'));
        out.append("# HELP frontier_client_images_total Images queried, by client (token identity or address).\n");
        out.append("# TYPE frontier_client_images_total counter\n");
        clients.forEach((c, n) ->
                out.append("frontier_client_images_total{client=\"").append(esc(c)).append("\"} ").append(n.images()).append('\n'));
        return out.toString();
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
