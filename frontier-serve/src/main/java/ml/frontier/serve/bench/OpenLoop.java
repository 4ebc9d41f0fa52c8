package ml.frontier.serve.bench;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.image.ImageBatch;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency at a fixed offered rate (open loop): requests start on a schedule, whether or not the
 * earlier ones have finished, and each latency counts from its scheduled start, so a stalled
 * server shows as queueing delay instead of silently lowering the rate (coordinated omission).
 */
final class OpenLoop {

    private OpenLoop() {}

    static BenchResult run(String mode, Classifier classifier, ImageBatch pool, int batch, double rate, double seconds)
            throws InterruptedException {
        List<ImageBatch> batches = InProcessBench.batches(pool, batch);
        long interval = (long) (1e9 / rate);
        long total = (long) (seconds * rate);
        Latencies latencies = new Latencies();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool64 = Executors.newFixedThreadPool(64);
        long start = System.nanoTime() + 50_000_000L;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            LockSupport.parkNanos(due - System.nanoTime());
            ImageBatch b = batches.get((int) (i % batches.size()));
            pool64.execute(() -> {
                boolean ok;
                try {
                    ok = classifier.predict(b).length == b.n();
                } catch (FrontierException | RuntimeException e) {
                    ok = false;
                }
                long took = System.nanoTime() - due;
                synchronized (latencies) {
                    latencies.add(took);
                }
                if (!ok) {
                    errors.incrementAndGet();
                }
            });
        }
        pool64.shutdown();
        pool64.awaitTermination(5, TimeUnit.MINUTES);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new BenchResult(mode + "-open@" + Math.round(rate), batch, 64, elapsed, latencies.size() - errors.get(),
                errors.get(), latencies.quantileMillis(0.5), latencies.quantileMillis(0.99), Double.NaN);
    }
}
