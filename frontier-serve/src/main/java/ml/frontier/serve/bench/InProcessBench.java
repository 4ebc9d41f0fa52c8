package ml.frontier.serve.bench;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.image.ImageBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of {@link Classifier#predict} in a closed loop: {@code threads} threads loop for
 * {@code seconds} over the same batches, on the model itself or on a remote classifier.
 */
final class InProcessBench {

    private InProcessBench() {}

    static BenchResult run(Classifier classifier, ImageBatch pool, int batch, int threads, double seconds)
            throws InterruptedException {
        return run("inprocess", classifier, pool, batch, threads, seconds);
    }

    /** The same closed loop over any classifier (a {@code RemoteClassifier} measures a served model), labelled {@code mode}. */
    static BenchResult run(String mode, Classifier classifier, ImageBatch pool, int batch, int threads, double seconds)
            throws InterruptedException {
        List<ImageBatch> batches = batches(pool, batch);
        for (int i = 0; i < Math.min(3, batches.size()); i++) {
            predict(classifier, batches.get(i));
        }
        long end = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong errors = new AtomicLong();
        List<Latencies> all = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        double cpu0 = BenchResult.processCpuSeconds();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Latencies lat = new Latencies();
            all.add(lat);
            int offset = t;
            Thread w = new Thread(() -> {
                for (int i = offset; System.nanoTime() < end; i++) {
                    long s = System.nanoTime();
                    if (!predict(classifier, batches.get(i % batches.size()))) {
                        errors.incrementAndGet();
                    }
                    lat.add(System.nanoTime() - s);
                }
            }, "inprocess-" + t);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double cpu = BenchResult.processCpuSeconds() - cpu0;
        Latencies merged = new Latencies();
        all.forEach(merged::addAll);
        return new BenchResult(mode, batch, threads, elapsed, merged.size() - errors.get(), errors.get(),
                merged.quantileMillis(0.5), merged.quantileMillis(0.99), cpu);
    }

    static List<ImageBatch> batches(ImageBatch pool, int batch) {
        List<ImageBatch> out = new ArrayList<>();
        for (int from = 0; from + batch <= pool.n() && out.size() < 16; from += batch) {
            out.add(pool.slice(from, from + batch));
        }
        return out;
    }

    private static boolean predict(Classifier c, ImageBatch b) {
        try {
            return c.predict(b).length == b.n();
        } catch (FrontierException | RuntimeException e) {
            return false;
        }
    }
}
