package ml.frontier.tamper.strategy;

import ai.djl.ndarray.types.Shape;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.classifier.WhiteBoxClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.tamper.MarkerSet;
import ml.frontier.tamper.MarkerStrategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Markers just on the original side of the nearest frontier: iterated small gradient steps that
 * shrink the logit margin (top minus runner-up) of a natural image until it lies in
 * {@code [minMargin, maxMargin]}, never crossing it.
 *
 * <p>Each step is a DeepFool-like linear estimate of the distance to the target margin, capped at
 * {@code maxStep} (L2) and halved whenever it would overshoot below {@code minMargin}. Pixels stay
 * in [0,1]. Candidates that do not converge within {@code steps} are dropped. The paper's window
 * (margins ≤ 0.01) lies below the FP16 rounding floor of many networks, so each marker is finally
 * moved out to 1.5 × its own {@link ml.frontier.tamper.MarginFloor} ({@link FrontierApproach}).
 *
 * @param minMargin the smallest logit margin a marker may keep (its guard against numeric noise)
 * @param maxMargin the largest logit margin a marker may keep
 * @param steps the most gradient steps per candidate
 * @param maxStep the largest L2 step in pixel space
 * @param oversample candidates tried per marker wanted
 */
public record BoundaryStrategy(double minMargin, double maxMargin, int steps, double maxStep, double oversample)
        implements MarkerStrategy {

    private static final int CHUNK = 256;

    public BoundaryStrategy {
        if (!(minMargin > 0) || !(maxMargin > minMargin)) {
            throw new IllegalArgumentException("boundary: need 0 < minMargin < maxMargin, got " + minMargin + ", " + maxMargin);
        }
        if (steps <= 0 || !(maxStep > 0) || !(oversample >= 1)) {
            throw new IllegalArgumentException("boundary: steps and maxStep must be positive and oversample >= 1");
        }
    }

    /** The defaults: margins in [0.002, 0.01], 100 steps of at most 0.5, 1.5 candidates per marker. */
    public static BoundaryStrategy defaults() {
        return new BoundaryStrategy(0.002, 0.01, 100, 0.5, 1.5);
    }

    @Override
    public String name() {
        return "boundary";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("minMargin", Double.toString(minMargin), "maxMargin", Double.toString(maxMargin),
                "steps", Integer.toString(steps), "maxStep", Double.toString(maxStep),
                "oversample", Double.toString(oversample));
    }

    @Override
    public MarkerSet generate(Classifier model, ImageBatch pool, int count, long seed) throws FrontierException {
        DjlClassifier wb = Candidates.whiteBox(model, name());
        ImageBatch cand = Candidates.draw(pool, (int) Math.ceil(count * oversample), seed);
        ImageBatch out = null;
        List<Integer> labels = new ArrayList<>();
        for (int from = 0; from < cand.n() && labels.size() < count; from += CHUNK) {
            ImageBatch chunk = cand.slice(from, Math.min(cand.n(), from + CHUNK));
            Result r = descend(wb, chunk);
            for (int i = 0; i < chunk.n() && labels.size() < count; i++) {
                if (r.done[i]) {
                    ImageBatch one = r.images.slice(i, i + 1);
                    out = out == null ? one : out.concat(one);
                    labels.add(r.labels[i]);
                }
            }
        }
        if (out == null) {
            return MarkerSet.of(ImageBatch.zeros(0, pool.shape()), new int[0], name(), parameters(), seed);
        }
        out = StrategySupport.approach(wb, out, FrontierApproach.defaults());
        return MarkerSet.of(out, wb.predictAll(out, 256), name(), parameters(), seed);
    }

    private record Result(ImageBatch images, int[] labels, boolean[] done) {}

    private Result descend(DjlClassifier wb, ImageBatch start) throws FrontierException {
        int n = start.n();
        int k = wb.numClasses();
        int size = start.imageSize();
        float[] x = start.data().clone();
        float[] logits = wb.logits(start);
        int[] y = WhiteBoxClassifier.argmax(logits, k);
        float[] margin = signedMargins(logits, k, y);
        double[] scale = new double[n];
        Arrays.fill(scale, 1.0);
        boolean[] done = new boolean[n];
        boolean[] dead = new boolean[n];
        double target = (minMargin + maxMargin) / 2;
        for (int it = 0; it < steps; it++) {
            List<Integer> active = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!done[i] && !dead[i]) {
                    if (margin[i] <= maxMargin && margin[i] >= minMargin) {
                        done[i] = true;
                    } else {
                        active.add(i);
                    }
                }
            }
            if (active.isEmpty()) {
                break;
            }
            int[] idx = active.stream().mapToInt(Integer::intValue).toArray();
            ImageBatch act = ImageBatch.of(x, n, start.shape()).select(idx);
            int[] ya = new int[idx.length];
            float[] la = new float[idx.length * k];
            for (int a = 0; a < idx.length; a++) {
                ya[a] = y[idx[a]];
                System.arraycopy(logits, idx[a] * k, la, a * k, k);
            }
            int[] ta = ml.frontier.tamper.Margins.runnerUp(la, k, ya);
            float[] weights = new float[idx.length * k];
            for (int a = 0; a < idx.length; a++) {
                weights[a * k + ya[a]] = 1f;
                weights[a * k + ta[a]] = -1f;
            }
            float[] g = wb.gradient(act, (fwd, in, m) ->
                    fwd.logits().mul(m.create(weights, new Shape(idx.length, k))).sum()).input();
            float[] trial = act.data().clone();
            for (int a = 0; a < idx.length; a++) {
                int i = idx[a];
                double norm = Candidates.maskAtBounds(trial, g, a * size, (a + 1) * size, -1);
                if (norm <= 1e-12) {
                    dead[i] = true;
                    continue;
                }
                double dist = Math.min(maxStep, Math.max(0, (margin[i] - target) / norm)) * scale[i];
                Candidates.step(trial, g, a * size, (a + 1) * size, -dist, norm);
            }
            float[] tl = wb.logits(ImageBatch.of(trial, idx.length, start.shape()));
            float[] tm = signedMargins(tl, k, ya);
            for (int a = 0; a < idx.length; a++) {
                int i = idx[a];
                if (dead[i]) {
                    continue;
                }
                if (tm[a] >= minMargin) {
                    System.arraycopy(trial, a * size, x, i * size, size);
                    System.arraycopy(tl, a * k, logits, i * k, k);
                    margin[i] = tm[a];
                    scale[i] = Math.min(1.0, scale[i] * 2);
                } else {
                    scale[i] /= 2;
                    if (scale[i] < 1e-4) {
                        dead[i] = true;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            done[i] = !dead[i] && margin[i] <= maxMargin && margin[i] >= minMargin;
        }
        return new Result(ImageBatch.of(x, n, start.shape()), y, done);
    }

    /** Per row: logit of {@code labels[r]} minus the largest other logit (negative once the label changed). */
    static float[] signedMargins(float[] logits, int k, int[] labels) {
        int n = labels.length;
        float[] out = new float[n];
        for (int r = 0; r < n; r++) {
            float other = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                if (j != labels[r]) {
                    other = Math.max(other, logits[r * k + j]);
                }
            }
            out[r] = logits[r * k + labels[r]] - other;
        }
        return out;
    }
}
