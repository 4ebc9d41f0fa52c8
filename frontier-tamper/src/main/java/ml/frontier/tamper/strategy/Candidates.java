package ml.frontier.tamper.strategy;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.image.ImageBatch;

import java.util.Arrays;
import java.util.Random;

/** Helpers shared by the strategies: seeded candidate draws, white-box access, pixel geometry. */
final class Candidates {

    private Candidates() {}

    /** {@code n} distinct images of {@code pool} (all of them if fewer) in a seeded random order. */
    static ImageBatch draw(ImageBatch pool, int n, long seed) {
        if (pool.n() == 0) {
            throw new IllegalArgumentException("the image pool is empty");
        }
        int[] p = Dataset.permutation(pool.n(), new Random(seed));
        return pool.select(Arrays.copyOf(p, Math.min(n, pool.n())));
    }

    /** The model as a white box, or a message saying which strategies do not need one. */
    static DjlClassifier whiteBox(Classifier model, String strategy) throws FrontierException {
        if (model instanceof DjlClassifier d) {
            return d;
        }
        throw new FrontierException("strategy '" + strategy + "' needs white-box access to the model (a Frontier "
                + "model file); 'random' and 'bisection' work on any classifier, including --remote and --onnx");
    }

    /**
     * Zeroes the gradient components that would push a pixel out of [0,1] when stepping by
     * {@code sign·g}, then returns the L2 norm of what is left.
     */
    static double maskAtBounds(float[] x, float[] g, int from, int to, double sign) {
        double norm = 0;
        for (int j = from; j < to; j++) {
            double d = sign * g[j];
            if ((x[j] <= 0f && d < 0) || (x[j] >= 1f && d > 0)) {
                g[j] = 0f;
            }
            norm += (double) g[j] * g[j];
        }
        return Math.sqrt(norm);
    }

    /** {@code x[from..to) += step · g / norm}, clipped to [0,1]. */
    static void step(float[] x, float[] g, int from, int to, double step, double norm) {
        if (norm <= 0) {
            return;
        }
        double f = step / norm;
        for (int j = from; j < to; j++) {
            x[j] = (float) Math.min(1.0, Math.max(0.0, x[j] + f * g[j]));
        }
    }

    /** Projects {@code x[from..to)} onto the L2 ball of {@code radius} around {@code centre}, then clips to [0,1]. */
    static void project(float[] x, float[] centre, int from, int to, double radius) {
        double d2 = 0;
        for (int j = from; j < to; j++) {
            double d = x[j] - centre[j];
            d2 += d * d;
        }
        double d = Math.sqrt(d2);
        double f = d > radius ? radius / d : 1.0;
        for (int j = from; j < to; j++) {
            x[j] = (float) Math.min(1.0, Math.max(0.0, centre[j] + f * (x[j] - centre[j])));
        }
    }

    /** Copies one image's values from {@code src} into {@code dst}. */
    static void copyImage(float[] src, float[] dst, int i, int size) {
        System.arraycopy(src, i * size, dst, i * size, size);
    }
}
