package ml.frontier.tamper.strategy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.tamper.MarkerSet;
import ml.frontier.tamper.MarkerStrategy;

import java.util.Map;

/**
 * Markers where frontiers meet, after IBSF (ICML 2024): images that maximise the entropy of their
 * top-{@code k} class probabilities (renormalised; IBSF's partial entropy with k = 2 by default).
 * Projected ascent within an L2 ball of {@code radius} around natural images; the {@code count}
 * candidates of highest entropy are kept and, as IBSF ends, moved the last stretch towards the
 * runner-up class by bisection — here stopping at 1.5 × each marker's rounding floor
 * ({@link FrontierApproach}) instead of at the frontier itself.
 */
public record EntropyStrategy(int topK, int steps, double stepSize, double radius, double minMargin, double oversample)
        implements MarkerStrategy {

    public EntropyStrategy {
        if (topK < 2 || steps <= 0 || !(stepSize > 0) || !(radius > 0) || !(minMargin > 0) || !(oversample >= 1)) {
            throw new IllegalArgumentException("entropy: need topK >= 2, positive steps, stepSize, radius, minMargin, oversample >= 1");
        }
    }

    /** The defaults: top-2, 100 steps of 0.05 within L2 radius 2, margin ≥ 0.002 during the ascent, 1.5 candidates per marker. */
    public static EntropyStrategy defaults() {
        return new EntropyStrategy(2, 100, 0.05, 2.0, 0.002, 1.5);
    }

    @Override
    public String name() {
        return "entropy";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("topK", Integer.toString(topK), "steps", Integer.toString(steps),
                "stepSize", Double.toString(stepSize), "radius", Double.toString(radius),
                "minMargin", Double.toString(minMargin), "oversample", Double.toString(oversample));
    }

    @Override
    public MarkerSet generate(Classifier model, ImageBatch pool, int count, long seed) throws FrontierException {
        DjlClassifier wb = Candidates.whiteBox(model, name());
        ImageBatch cand = Candidates.draw(pool, (int) Math.ceil(count * oversample), seed);
        ProjectedAscent ascent = new ProjectedAscent(steps, stepSize, radius, minMargin);
        int k = wb.numClasses();
        ProjectedAscent.Goal goal = new ProjectedAscent.Goal() {
            @Override
            public DjlClassifier.Objective objective(float[] logits, int n) {
                float[] mask = topMask(logits, k);
                return (fwd, in, m) -> {
                    NDArray msk = m.create(mask, new Shape(n, k));
                    NDArray l = fwd.logits().add(msk.sub(1f).mul(1e4f)).logSoftmax(1);
                    return l.exp().mul(l).mul(msk).sum().neg();
                };
            }

            @Override
            public float[] scores(DjlClassifier model, ImageBatch images, float[] logits) {
                return topEntropy(logits, k);
            }
        };
        return StrategySupport.bestApproached(wb, cand, count, ascent, goal, FrontierApproach.defaults(), name(),
                parameters(), seed);
    }

    private float[] topMask(float[] logits, int k) {
        int n = logits.length / k;
        float[] mask = new float[logits.length];
        for (int r = 0; r < n; r++) {
            for (int t = 0; t < Math.min(topK, k); t++) {
                int best = -1;
                for (int j = 0; j < k; j++) {
                    if (mask[r * k + j] == 0f && (best < 0 || logits[r * k + j] > logits[r * k + best])) {
                        best = j;
                    }
                }
                mask[r * k + best] = 1f;
            }
        }
        return mask;
    }

    /** The entropy of each row's top-k probabilities, renormalised. */
    float[] topEntropy(float[] logits, int k) {
        int n = logits.length / k;
        float[] mask = topMask(logits, k);
        float[] out = new float[n];
        for (int r = 0; r < n; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                if (mask[r * k + j] > 0) {
                    max = Math.max(max, logits[r * k + j]);
                }
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                if (mask[r * k + j] > 0) {
                    sum += Math.exp(logits[r * k + j] - max);
                }
            }
            double h = 0;
            for (int j = 0; j < k; j++) {
                if (mask[r * k + j] > 0) {
                    double p = Math.exp(logits[r * k + j] - max) / sum;
                    h -= p > 0 ? p * Math.log(p) : 0;
                }
            }
            out[r] = (float) h;
        }
        return out;
    }
}
