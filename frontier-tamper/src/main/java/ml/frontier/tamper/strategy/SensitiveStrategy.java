package ml.frontier.tamper.strategy;

import ai.djl.ndarray.NDArray;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.classifier.WhiteBoxClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.tamper.MarginSensitivity;
import ml.frontier.tamper.MarkerSet;
import ml.frontier.tamper.MarkerStrategy;

import java.util.Map;

/**
 * Sensitive-sample fingerprinting (He, Zhang and Lee, CVPR 2019), made to work label-only.
 *
 * <p>The paper's samples maximise how much the output <em>probabilities</em> move when weights
 * change — with {@code f = Σ log-softmax(z)} and a linear last layer {@code z = W h + b},
 * {@code ‖∂f/∂W‖² + ‖∂f/∂b‖² = ‖1 − K·softmax(z)‖² · (‖h‖² + 1)}, maximised by projected ascent
 * within an L2 ball of {@code radius} around natural images. The paper compares probability
 * vectors; a label-only check sees only the arg-max, and these samples sit deep inside a class
 * (median margin ≈ 5 logits), so alone they detect nothing. Each ascended sample is therefore moved
 * to 1.5 × its rounding floor ({@link FrontierApproach}) and the candidates are ranked by their
 * <em>margin in weight space</em> {@code m / ‖∂m/∂θ‖} — to first order the smallest change of the
 * weights that flips the label: the {@code count} smallest are kept.
 */
public record SensitiveStrategy(int steps, double stepSize, double radius, double minMargin, double oversample)
        implements MarkerStrategy {

    public SensitiveStrategy {
        if (steps <= 0 || !(stepSize > 0) || !(radius > 0) || !(minMargin > 0) || !(oversample >= 1)) {
            throw new IllegalArgumentException("sensitive: need positive steps, stepSize, radius, minMargin, oversample >= 1");
        }
    }

    /** The defaults: 40 steps of 0.1 within L2 radius 1.5, margin ≥ 0.002, 2 candidates per marker. */
    public static SensitiveStrategy defaults() {
        return new SensitiveStrategy(40, 0.1, 1.5, 0.002, 2);
    }

    @Override
    public String name() {
        return "sensitive";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("steps", Integer.toString(steps), "stepSize", Double.toString(stepSize),
                "radius", Double.toString(radius), "minMargin", Double.toString(minMargin),
                "oversample", Double.toString(oversample), "rank", "weight-space margin, smallest first");
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
                return (fwd, in, m) -> {
                    NDArray a = fwd.logits().softmax(1).mul(-k).add(1f).square().sum(new int[] {1});
                    NDArray h = fwd.features();
                    NDArray hs = h.reshape(h.getShape().get(0), -1).square().sum(new int[] {1}).add(1f);
                    return a.mul(hs).sum();
                };
            }

            @Override
            public float[] scores(DjlClassifier model, ImageBatch images, float[] logits) throws FrontierException {
                float[] p = WhiteBoxClassifier.softmax(logits, k);
                float[] h = model.features(images);
                int n = images.n();
                int d = h.length / n;
                float[] out = new float[n];
                for (int r = 0; r < n; r++) {
                    double a = 0;
                    for (int j = 0; j < k; j++) {
                        double v = 1 - k * p[r * k + j];
                        a += v * v;
                    }
                    double hs = 1;
                    for (int j = 0; j < d; j++) {
                        hs += (double) h[r * d + j] * h[r * d + j];
                    }
                    out[r] = (float) (a * hs);
                }
                return out;
            }
        };
        ProjectedAscent.Result r = StrategySupport.ascend(wb, cand, ascent, goal);
        ImageBatch near = StrategySupport.approach(wb, r.images(), FrontierApproach.defaults());
        MarginSensitivity[] s = MarginSensitivity.of(wb.model(), near);
        float[] closeness = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            closeness[i] = (float) -s[i].weightSpaceMargin();
        }
        ImageBatch best = near.select(ProjectedAscent.top(closeness, count));
        return MarkerSet.of(best, wb.predictAll(best, 256), name(), parameters(), seed);
    }
}
