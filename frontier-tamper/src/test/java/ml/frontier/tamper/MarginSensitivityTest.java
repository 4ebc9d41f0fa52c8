package ml.frontier.tamper;

import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.testing.TestModels;
import ml.frontier.tamper.benign.Rounding;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarginSensitivityTest {

    /**
     * Rounding weights and inputs to FP16 moves each margin by no more than the first-order bound
     * (up to second-order slack), and rarely by more than a few of its standard deviations.
     */
    @Test
    void fp16RoundingStaysWithinTheBoundAndTheSigmaModel() throws Exception {
        NetworkModel model = SharedModel.mlp();
        ImageBatch x = TestModels.test(60).images();
        MarginSensitivity[] s = MarginSensitivity.of(model, x);
        float[] before = new DjlClassifier(model).logits(x);
        float[] after;
        try (NetworkModel copy = model.copy()) {
            for (String n : copy.parameterNames()) {
                copy.setValues(n, Rounding.FP16.roundAll(copy.values(n)));
            }
            ImageBatch rx = new ImageBatch(Rounding.FP16.roundAll(x.data().clone()), x.n(), 1, 28, 28);
            after = new DjlClassifier(copy).logits(rx);
        }
        int beyond3Sigma = 0;
        for (int i = 0; i < s.length; i++) {
            int y = s[i].label();
            int r = s[i].runnerUp();
            assertEquals(before[i * 10 + y] - before[i * 10 + r], s[i].margin(), 1e-4);
            double change = Math.abs((after[i * 10 + y] - after[i * 10 + r]) - s[i].margin());
            assertTrue(change <= 1.1 * s[i].roundingBound(Rounding.UNIT_ROUNDOFF) + 1e-5,
                    "image " + i + ": margin moved " + change + ", bound " + s[i].roundingBound(Rounding.UNIT_ROUNDOFF));
            beyond3Sigma += change > 3 * s[i].roundingSigma(Rounding.UNIT_ROUNDOFF) ? 1 : 0;
            assertTrue(s[i].roundingSigma(Rounding.UNIT_ROUNDOFF) < s[i].roundingBound(Rounding.UNIT_ROUNDOFF));
        }
        assertTrue(beyond3Sigma <= 3, beyond3Sigma + " of 60 margins moved by more than 3 sigma");
    }

    /** Parameter gradients do not leak from one image (or one call) into the next. */
    @Test
    void repeatedCallsGiveTheSameValues() {
        NetworkModel model = SharedModel.mlp();
        ImageBatch x = TestModels.test(3).images();
        MarginSensitivity[] a = MarginSensitivity.of(model, x);
        MarginSensitivity[] b = MarginSensitivity.of(model, x.slice(2, 3));
        assertEquals(a[2].weightGradNorm(), b[0].weightGradNorm(), 1e-6 * a[2].weightGradNorm());
        assertEquals(a[2].squares(), b[0].squares(), 1e-5 * a[2].squares());
    }

    /**
     * ‖∂m/∂θ‖ checked by finite differences: along a random unit direction v of parameter space the
     * derivative of m is g·v, whose square has mean ‖g‖²/d; 24 directions estimate ‖g‖ within a
     * factor well inside [0.6, 1.5].
     */
    @Test
    void weightGradientNormMatchesFiniteDifferences() throws Exception {
        NetworkModel model = SharedModel.mlp();
        ImageBatch x = TestModels.test(1).images();
        MarginSensitivity s = MarginSensitivity.of(model, x)[0];
        long d = 0;
        for (String n : model.parameterNames()) {
            d += model.isTrainable(n) ? model.values(n).length : 0;
        }
        java.util.Random rng = new java.util.Random(4);
        double eps = 1e-2;
        double sum = 0;
        int trials = 24;
        for (int t = 0; t < trials; t++) {
            java.util.Map<String, float[]> v = new java.util.LinkedHashMap<>();
            double norm = 0;
            for (String n : model.parameterNames()) {
                if (model.isTrainable(n)) {
                    float[] a = new float[model.values(n).length];
                    for (int j = 0; j < a.length; j++) {
                        a[j] = (float) rng.nextGaussian();
                        norm += (double) a[j] * a[j];
                    }
                    v.put(n, a);
                }
            }
            double[] m = new double[2];
            for (int side = 0; side < 2; side++) {
                try (NetworkModel c = model.copy()) {
                    for (var e : v.entrySet()) {
                        float[] w = c.values(e.getKey());
                        for (int j = 0; j < w.length; j++) {
                            w[j] += (float) ((side == 0 ? eps : -eps) * e.getValue()[j] / Math.sqrt(norm));
                        }
                        c.setValues(e.getKey(), w);
                    }
                    float[] z = new DjlClassifier(c).logits(x);
                    m[side] = z[s.label()] - z[s.runnerUp()];
                }
            }
            double dv = (m[0] - m[1]) / (2 * eps);
            sum += dv * dv;
        }
        double estimate = Math.sqrt(sum / trials * d);
        double ratio = estimate / s.weightGradNorm();
        System.out.printf("weight gradient norm %.4f, finite-difference estimate %.4f%n", s.weightGradNorm(), estimate);
        assertTrue(ratio > 0.6 && ratio < 1.5, "finite differences give " + estimate + " for ‖g‖ = " + s.weightGradNorm());
    }
}
