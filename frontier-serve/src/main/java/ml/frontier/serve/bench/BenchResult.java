package ml.frontier.serve.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * One benchmark case: what ran, how long, how many requests and images, latency quantiles,
 * errors, and the CPU time this JVM spent (NaN when measured elsewhere).
 */
record BenchResult(String mode, int batch, int concurrency, double seconds, long requests, long errors,
                   double p50Millis, double p99Millis, double cpuSeconds) {

    double requestsPerSecond() {
        return requests / seconds;
    }

    double imagesPerSecond() {
        return requests * (double) batch / seconds;
    }

    /** CPU time of this JVM so far, in seconds (user + system, all threads). */
    static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** One machine-readable line: {@code RESULT mode=... batch=... ...}. */
    String line() {
        return String.format(Locale.ROOT,
                "RESULT mode=%s batch=%d concurrency=%d seconds=%.1f requests=%d errors=%d req_per_s=%.1f img_per_s=%.1f "
                        + "p50_ms=%.3f p99_ms=%.3f cpu_s=%.2f",
                mode, batch, concurrency, seconds, requests, errors, requestsPerSecond(), imagesPerSecond(), p50Millis,
                p99Millis, cpuSeconds);
    }
}
