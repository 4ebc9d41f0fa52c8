package ml.frontier.tamper.strategy;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.classifier.WhiteBoxClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.tamper.MarginFloor;
import ml.frontier.tamper.MarginSensitivity;
import ml.frontier.tamper.Margins;

import java.util.Arrays;

/**
 * The last step of the white-box strategies: moves each image along the input gradient of
 * {@code z_runnerUp − z_top} — forwards when its margin is above the goal, backwards when below —
 * to the farthest point whose margin is still at least {@code target ×} its own floor (bisection
 * on the signed step length). The marker then sits as close to the frontier as benign rounding
 * allows, where a tampered model most likely flips it. {@code target} is above 1 since the floor
 * is measured again at the final point.
 */
final class FrontierApproach {

    private static final int BISECTIONS = 24;

    private final MarginFloor floor;
    private final double target;
    private final double maxDistance;

    /** The default floor, aiming at 1.5 × it, at most 3 (L2, pixels in [0,1]) either way. */
    static FrontierApproach defaults() {
        return new FrontierApproach(MarginFloor.defaults(), 1.5, 3.0);
    }

    FrontierApproach(MarginFloor floor, double target, double maxDistance) {
        if (!(target > 1) || !(maxDistance > 0)) {
            throw new IllegalArgumentException("frontier approach: need target > 1 and maxDistance > 0");
        }
        this.floor = floor;
        this.target = target;
        this.maxDistance = maxDistance;
    }

    /** The images moved to {@code target ×} their floor (at most {@code maxDistance} in L2 either way). */
    ImageBatch run(DjlClassifier wb, ImageBatch x) throws FrontierException {
        int n = x.n();
        int k = wb.numClasses();
        int size = x.imageSize();
        MarginSensitivity[] s = MarginSensitivity.of(wb.model(), x);
        double[] goal = new double[n];
        int[] label = new int[n];
        int[] runnerUp = new int[n];
        for (int i = 0; i < n; i++) {
            goal[i] = target * floor.floor(s[i]);
            label[i] = s[i].label();
            runnerUp[i] = s[i].runnerUp();
        }
        float[] d = wb.gradient(x, (fwd, in, m) -> {
            float[] sign = new float[n * k];
            for (int i = 0; i < n; i++) {
                sign[i * k + runnerUp[i]] = 1f;
                sign[i * k + label[i]] = -1f;
            }
            return fwd.logits().mul(m.create(sign, new ai.djl.ndarray.types.Shape(n, k))).sum();
        }).input();
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int j = i * size; j < (i + 1) * size; j++) {
                norm += (double) d[j] * d[j];
            }
            norm = Math.sqrt(norm);
            for (int j = i * size; j < (i + 1) * size; j++) {
                d[j] = norm > 0 ? (float) (d[j] / norm) : 0f;
            }
        }
        double[] lo = new double[n];
        double[] hi = new double[n];
        Arrays.fill(hi, maxDistance);
        for (int i = 0; i < n; i++) {
            if (!(s[i].margin() >= goal[i])) {
                lo[i] = -maxDistance; // too close already: search backwards, away from the frontier
                hi[i] = 0;
            }
        }
        for (int it = 0; it < BISECTIONS; it++) {
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = (lo[i] + hi[i]) / 2;
            }
            ImageBatch probe = moved(x, d, t);
            float[] logits = wb.logits(probe);
            float[] margins = Margins.of(logits, k);
            int[] got = WhiteBoxClassifier.argmax(logits, k);
            for (int i = 0; i < n; i++) {
                if (got[i] == label[i] && margins[i] >= goal[i]) {
                    lo[i] = t[i];
                } else {
                    hi[i] = t[i];
                }
            }
        }
        return moved(x, d, lo);
    }

    private static ImageBatch moved(ImageBatch x, float[] d, double[] t) {
        int size = x.imageSize();
        float[] out = x.data().clone();
        for (int i = 0; i < x.n(); i++) {
            for (int j = i * size; j < (i + 1) * size; j++) {
                out[j] = (float) Math.min(1.0, Math.max(0.0, out[j] + t[i] * d[j]));
            }
        }
        return ImageBatch.of(out, x.n(), x.shape());
    }
}
