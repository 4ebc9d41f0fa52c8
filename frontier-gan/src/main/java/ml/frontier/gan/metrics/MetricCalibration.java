package ml.frontier.gan.metrics;

import ml.frontier.core.FrontierException;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.image.ImageBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the scores read on images whose quality is known, so that a GAN's numbers have a scale:
 * real images against the reference (the best a generator can do, and the metric's own noise
 * over repeated draws), one real image per class repeated (perfect mode collapse: a high MNIST
 * score, zero diversity) and uniform noise (the worst).
 */
public final class MetricCalibration {

    /**
     * Scores of {@code draws} sets of {@code n} images of one kind.
     *
     * @param kind what was scored, e.g. "real (test)"
     */
    public record Row(String kind, int n, int draws, Summary score, Summary frechet, Summary agreement, Summary diversity) {}

    /** Mean, standard deviation, minimum and maximum over draws. */
    public record Summary(double mean, double sd, double min, double max) {

        static Summary of(List<Double> v) {
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
            return new Summary(mean, v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : 0,
                    v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                    v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
        }
    }

    private MetricCalibration() {}

    /** Scores {@code draws} random subsets of {@code n} images of {@code pool} (which must not overlap the scorer's reference). */
    public static Row real(String kind, GanScorer scorer, Dataset pool, int n, int draws, long seed) throws FrontierException {
        if (pool.size() < n) {
            throw new IllegalArgumentException(kind + ": " + pool.size() + " images cannot give draws of " + n);
        }
        List<GanScores> s = new ArrayList<>();
        for (int d = 0; d < draws; d++) {
            Dataset x = pool.shuffled(seed + d).head(n);
            s.add(scorer.score(x.images(), x.labels()));
        }
        return row(kind, n, s);
    }

    /** One real image per class, each repeated n/classes times: a generator that collapsed onto perfect digits. */
    public static Row collapsed(GanScorer scorer, Dataset pool, int n, int draws, long seed) throws FrontierException {
        List<GanScores> s = new ArrayList<>();
        for (int d = 0; d < draws; d++) {
            Random r = new Random(seed + d);
            int[] first = new int[pool.numClasses()];
            for (int c = 0; c < first.length; c++) {
                first[c] = -1;
            }
            int[] order = Dataset.permutation(pool.size(), r);
            for (int i : order) {
                if (first[pool.labels()[i]] < 0) {
                    first[pool.labels()[i]] = i;
                }
            }
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = first[i % first.length];
            }
            Dataset x = pool.select(idx);
            s.add(scorer.score(x.images(), x.labels()));
        }
        return row("one real image per class, repeated", n, s);
    }

    /** Uniform noise in [0, 1], with classes assigned in turn. */
    public static Row noise(GanScorer scorer, Dataset like, int n, int draws, long seed) throws FrontierException {
        List<GanScores> s = new ArrayList<>();
        for (int d = 0; d < draws; d++) {
            Random r = new Random(seed + d);
            float[] px = new float[n * like.shape().size()];
            for (int i = 0; i < px.length; i++) {
                px[i] = r.nextFloat();
            }
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = i % like.numClasses();
            }
            s.add(scorer.score(ImageBatch.of(px, n, like.shape()), y));
        }
        return row("uniform noise", n, s);
    }

    private static Row row(String kind, int n, List<GanScores> s) {
        return new Row(kind, n, s.size(), Summary.of(s.stream().map(GanScores::score).toList()),
                Summary.of(s.stream().map(GanScores::frechet).toList()), Summary.of(s.stream().map(GanScores::agreement).toList()),
                Summary.of(s.stream().map(GanScores::diversity).toList()));
    }
}
