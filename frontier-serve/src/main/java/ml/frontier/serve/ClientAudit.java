package ml.frontier.serve;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts inference requests and images per client, because a model owner auditing a model wants
 * to know who queried it how much (and a provider may look for audit patterns).
 *
 * <p>A client is its token identity when the server requires a token, its remote address
 * otherwise. Logged at INFO on a client's first query and each time its image count passes a
 * power of ten; {@link #logSummary()} logs every client's totals.
 */
public final class ClientAudit {

    /** One client's totals. */
    public record Counts(long requests, long images) {}

    private static final Logger LOG = LoggerFactory.getLogger(ClientAudit.class);

    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> images = new ConcurrentHashMap<>();

    /** Records one request of {@code n} images by {@code client}. */
    public void record(String client, String model, int n) {
        long r = requests.computeIfAbsent(client, c -> new AtomicLong()).incrementAndGet();
        long after = images.computeIfAbsent(client, c -> new AtomicLong()).addAndGet(n);
        long before = after - n;
        if (r == 1 || crossesPowerOfTen(before, after)) {
            LOG.info("client {} has queried {} images in {} requests (latest: model {})", client, after, r, model);
        }
    }

    private static boolean crossesPowerOfTen(long before, long after) {
        for (long p = 10; p > 0 && p <= after; p *= 10) {
            if (before < p) {
                return true;
            }
        }
        return false;
    }

    /** Totals per client, sorted by client. */
    public Map<String, Counts> snapshot() {
        Map<String, Counts> out = new TreeMap<>();
        requests.forEach((c, r) -> out.put(c, new Counts(r.get(), images.getOrDefault(c, new AtomicLong()).get())));
        return out;
    }

    /** Logs every client's totals at INFO. */
    public void logSummary() {
        snapshot().forEach((c, n) -> LOG.info("client {}: {} images in {} requests", c, n.images(), n.requests()));
    }
}
