package ml.frontier.tamper.strategy;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.tamper.MarkerSet;
import ml.frontier.tamper.MarkerStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Label-only markers: for pairs of images the model puts in different classes, a binary search on
 * the segment between them finds the frontier within {@code tolerance} (L2 distance in pixel
 * space); the marker is the point on the first image's side. Needs no gradient, so it works on any
 * {@link Classifier}: an ONNX file or a remote API. All pairs are searched together, one batch of
 * queries per halving.
 *
 * @param tolerance the L2 distance between the marker and the first point found on the other side
 * @param poolFactor images labelled per marker wanted, to find pairs of different classes
 */
public record BisectionStrategy(double tolerance, double poolFactor) implements MarkerStrategy {

    public BisectionStrategy {
        if (!(tolerance > 0) || !(poolFactor >= 2)) {
            throw new IllegalArgumentException("bisection: need tolerance > 0 and poolFactor >= 2");
        }
    }

    /** The defaults: tolerance 0.01, 2 images labelled per marker. */
    public static BisectionStrategy defaults() {
        return new BisectionStrategy(1e-2, 2);
    }

    @Override
    public String name() {
        return "bisection";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("tolerance", Double.toString(tolerance), "poolFactor", Double.toString(poolFactor));
    }

    @Override
    public MarkerSet generate(Classifier model, ImageBatch pool, int count, long seed) throws FrontierException {
        ImageBatch cand = Candidates.draw(pool, (int) Math.ceil(count * poolFactor), seed);
        int[] y = model.predictAll(cand, 64);
        Random rng = new Random(seed ^ 0x5DEECE66DL);
        List<int[]> pairs = new ArrayList<>();
        for (int a = 0; a < cand.n() && pairs.size() < count; a++) {
            for (int tries = 0; tries < 20; tries++) {
                int b = rng.nextInt(cand.n());
                if (y[b] != y[a]) {
                    pairs.add(new int[] {a, b});
                    break;
                }
            }
        }
        int n = pairs.size();
        int size = cand.imageSize();
        float[] a = new float[n * size];
        float[] b = new float[n * size];
        double[] dist = new double[n];
        int[] ya = new int[n];
        for (int p = 0; p < n; p++) {
            System.arraycopy(cand.data(), pairs.get(p)[0] * size, a, p * size, size);
            System.arraycopy(cand.data(), pairs.get(p)[1] * size, b, p * size, size);
            ya[p] = y[pairs.get(p)[0]];
            double d2 = 0;
            for (int j = 0; j < size; j++) {
                double d = a[p * size + j] - b[p * size + j];
                d2 += d * d;
            }
            dist[p] = Math.sqrt(d2);
        }
        double[] lo = new double[n];
        double[] hi = new double[n];
        java.util.Arrays.fill(hi, 1.0);
        for (int it = 0; it < 64; it++) {
            List<Integer> open = new ArrayList<>();
            for (int p = 0; p < n; p++) {
                if ((hi[p] - lo[p]) * dist[p] > tolerance) {
                    open.add(p);
                }
            }
            if (open.isEmpty()) {
                break;
            }
            float[] mid = new float[open.size() * size];
            for (int o = 0; o < open.size(); o++) {
                int p = open.get(o);
                interpolate(a, b, p, (lo[p] + hi[p]) / 2, mid, o, size);
            }
            int[] got = model.predictAll(ImageBatch.of(mid, open.size(), cand.shape()), 64);
            for (int o = 0; o < open.size(); o++) {
                int p = open.get(o);
                double t = (lo[p] + hi[p]) / 2;
                if (got[o] == ya[p]) {
                    lo[p] = t;
                } else {
                    hi[p] = t;
                }
            }
        }
        float[] out = new float[n * size];
        for (int p = 0; p < n; p++) {
            interpolate(a, b, p, lo[p], out, p, size);
        }
        ImageBatch images = ImageBatch.of(out, n, cand.shape());
        return MarkerSet.of(images, model.predictAll(images, 64), name(), parameters(), seed);
    }

    private static void interpolate(float[] a, float[] b, int p, double t, float[] out, int o, int size) {
        for (int j = 0; j < size; j++) {
            float va = a[p * size + j];
            out[o * size + j] = (float) (va + t * (b[p * size + j] - va));
        }
    }
}
