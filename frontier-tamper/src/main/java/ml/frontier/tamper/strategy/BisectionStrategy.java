package ml.frontier.tamper.strategy;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.tamper.MarkerSet;
import ml.frontier.tamper.MarkerStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Label-only markers in pairs that straddle the frontier. For each natural image, a random
 * direction is drawn and the smallest of the radii 0.5, 1, 2, 4, 8, 12, 16 (L2) at which the label
 * changes along it is found; the images nearest the frontier by that measure are kept, and a
 * binary search on the segment finds the frontier within {@code tolerance}. Both ends of the final
 * interval become markers: a pair flips whichever way the frontier moves. The markers are natural
 * images plus a little noise, not blends of two digits that a server could spot. Needs no
 * gradient, so it works on any {@link Classifier} (an ONNX file, a remote API); with a white box,
 * each end is then moved out to 1.5 × its rounding floor ({@link FrontierApproach}), which
 * label-only markers cannot be checked against.
 *
 * @param tolerance the L2 length of the final interval
 * @param poolFactor natural images tried per pair wanted
 */
public record BisectionStrategy(double tolerance, double poolFactor) implements MarkerStrategy {

    private static final double[] RADII = {0.5, 1, 2, 4, 8, 12, 16};

    public BisectionStrategy {
        if (!(tolerance > 0) || !(poolFactor >= 1)) {
            throw new IllegalArgumentException("bisection: need tolerance > 0 and poolFactor >= 1");
        }
    }

    /** The defaults: tolerance 0.01, 4 natural images tried per pair. */
    public static BisectionStrategy defaults() {
        return new BisectionStrategy(1e-2, 4);
    }

    @Override
    public String name() {
        return "bisection";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("tolerance", Double.toString(tolerance), "poolFactor", Double.toString(poolFactor),
                "start", "natural image + random direction, nearest frontier first", "ends", "both");
    }

    @Override
    public MarkerSet generate(Classifier model, ImageBatch pool, int count, long seed) throws FrontierException {
        int pairs = (count + 1) / 2;
        ImageBatch cand = Candidates.draw(pool, (int) Math.ceil(pairs * poolFactor), seed);
        int n = cand.n();
        int size = cand.imageSize();
        int[] y = model.predictAll(cand, 64);
        Random rng = new Random(seed ^ 0x5DEECE66DL);
        float[] dir = new float[n * size];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int j = i * size; j < (i + 1) * size; j++) {
                dir[j] = (float) rng.nextGaussian();
                norm += (double) dir[j] * dir[j];
            }
            for (int j = i * size; j < (i + 1) * size; j++) {
                dir[j] /= (float) Math.sqrt(norm);
            }
        }
        double[] reach = new double[n];
        java.util.Arrays.fill(reach, Double.POSITIVE_INFINITY);
        for (double r : RADII) {
            int[] open = IntStream.range(0, n).filter(i -> Double.isInfinite(reach[i])).toArray();
            if (open.length == 0) {
                break;
            }
            double[] t = new double[open.length];
            java.util.Arrays.fill(t, r);
            int[] got = model.predictAll(along(cand, dir, open, t), 64);
            for (int o = 0; o < open.length; o++) {
                if (got[o] != y[open[o]]) {
                    reach[open[o]] = r;
                }
            }
        }
        int[] near = IntStream.range(0, n).filter(i -> Double.isFinite(reach[i])).boxed()
                .sorted((a, b) -> Double.compare(reach[a], reach[b])).limit(pairs).mapToInt(Integer::intValue).toArray();
        double[] lo = new double[n];
        double[] hi = reach.clone();
        for (int it = 0; it < 64; it++) {
            List<Integer> open = new ArrayList<>();
            for (int i : near) {
                if (hi[i] - lo[i] > tolerance) {
                    open.add(i);
                }
            }
            if (open.isEmpty()) {
                break;
            }
            int[] idx = open.stream().mapToInt(Integer::intValue).toArray();
            double[] t = new double[idx.length];
            for (int o = 0; o < idx.length; o++) {
                t[o] = (lo[idx[o]] + hi[idx[o]]) / 2;
            }
            int[] got = model.predictAll(along(cand, dir, idx, t), 64);
            for (int o = 0; o < idx.length; o++) {
                int i = idx[o];
                if (got[o] == y[i]) {
                    lo[i] = (lo[i] + hi[i]) / 2;
                } else {
                    hi[i] = (lo[i] + hi[i]) / 2;
                }
            }
        }
        int[] both = new int[near.length * 2];
        double[] ends = new double[near.length * 2];
        for (int p = 0; p < near.length; p++) {
            both[2 * p] = near[p];
            both[2 * p + 1] = near[p];
            ends[2 * p] = lo[near[p]];
            ends[2 * p + 1] = hi[near[p]];
        }
        ImageBatch markers = along(cand, dir, both, ends);
        if (markers.n() > count) {
            markers = markers.slice(0, count);
        }
        if (model instanceof DjlClassifier wb) {
            markers = StrategySupport.approach(wb, markers, FrontierApproach.defaults());
        }
        return MarkerSet.of(markers, model.predictAll(markers, 64), name(), parameters(), seed);
    }

    /** Images {@code x_i + t[o]·dir_i}, clipped to [0,1], for each {@code i = idx[o]} in order. */
    private static ImageBatch along(ImageBatch x, float[] dir, int[] idx, double[] t) {
        int size = x.imageSize();
        float[] out = new float[idx.length * size];
        for (int o = 0; o < idx.length; o++) {
            int i = idx[o];
            double ti = t[o];
            for (int j = 0; j < size; j++) {
                out[o * size + j] = (float) Math.min(1.0, Math.max(0.0, x.data()[i * size + j] + ti * dir[i * size + j]));
            }
        }
        return ImageBatch.of(out, idx.length, x.shape());
    }
}
