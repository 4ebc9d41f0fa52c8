package ml.frontier.tamper;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ml.frontier.core.engine.Gradients;
import ml.frontier.core.engine.ParameterFreeze;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.model.TrainableModel;

import java.util.List;

/**
 * How far each image is from the model's frontier, in logit units and in weight space, and how
 * much rounding can move it. For the margin {@code m = z_y − z_r} (top minus runner-up logit), one
 * backward pass per image gives {@code g_θ = ∂m/∂θ} over the trainable parameters and
 * {@code g_x = ∂m/∂x}. From them:
 * <ul>
 *   <li>the <em>weight-space margin</em> {@code m / ‖g_θ‖₂}: to first order, the smallest change of
 *       the weights (L2) that flips the image — small means a tampered model likely flips it;</li>
 *   <li>the <em>first-order rounding bound</em> {@code u · (Σ|θ·g_θ| + Σ|x·g_x|)}: rounding every
 *       weight and input to a format of unit roundoff {@code u} changes each by at most
 *       {@code u·|value|}, so it moves {@code m} by at most this much, to first order;</li>
 *   <li>the <em>rounding standard deviation</em> {@code u · √((Σ(θ·g_θ)² + Σ(x·g_x)²) / 3)}: the
 *       same change when the rounding errors are independent and uniform in {@code ±u·|value|}
 *       (the probabilistic model of Higham and Mary, 2019), which is what rounding of many values
 *       does in practice — the worst case assumes every error has the worst sign.</li>
 * </ul>
 * The parameters' gradients are read and dropped per image; the model is not changed.
 *
 * @param margin top minus runner-up logit
 * @param label the top class
 * @param runnerUp the runner-up class
 * @param weightGradNorm ‖∂m/∂θ‖₂
 * @param weightFirstOrder Σ|θ · ∂m/∂θ|
 * @param inputFirstOrder Σ|x · ∂m/∂x|
 * @param squares Σ(θ · ∂m/∂θ)² + Σ(x · ∂m/∂x)²
 */
public record MarginSensitivity(float margin, int label, int runnerUp, double weightGradNorm,
                                double weightFirstOrder, double inputFirstOrder, double squares) {

    /** Margin over ‖∂m/∂θ‖: the first-order L2 distance to the frontier in weight space. */
    public double weightSpaceMargin() {
        return weightGradNorm > 0 ? margin / weightGradNorm : Double.POSITIVE_INFINITY;
    }

    /** First-order bound on how far rounding weights and inputs to unit roundoff {@code u} moves the margin. */
    public double roundingBound(double u) {
        return u * (weightFirstOrder + inputFirstOrder);
    }

    /** Standard deviation of the margin's change when weights and input are rounded with unit roundoff {@code u}. */
    public double roundingSigma(double u) {
        return u * Math.sqrt(squares / 3);
    }

    /** One entry per image of {@code images}. */
    public static MarginSensitivity[] of(TrainableModel model, ImageBatch images) {
        List<Parameter> params = model.parameterNames().stream().filter(model::isTrainable).map(model::parameter).toList();
        return ParameterFreeze.unfrozen(params, () -> compute(model, images, params));
    }

    private static MarginSensitivity[] compute(TrainableModel model, ImageBatch images, List<Parameter> params) {
        MarginSensitivity[] out = new MarginSensitivity[images.n()];
        for (int i = 0; i < images.n(); i++) {
            float[] px = images.image(i);
            out[i] = Gradients.run(gc -> {
                try (NDManager sub = model.manager().newSubManager()) {
                    NDArray x = sub.create(px, new Shape(1, images.channels(), images.height(), images.width()));
                    x.setRequiresGradient(true);
                    NDArray logits = model.logits(new ParameterStore(sub, false), x, false);
                    float[] z = logits.toFloatArray();
                    int y = argmax(z, -1);
                    int r = argmax(z, y);
                    NDArray m = logits.get(0, y).sub(logits.get(0, r));
                    gc.zeroGradients(); // parameter gradients persist across collectors: start from zero
                    gc.backward(m);
                    double sq = 0;
                    double wfo = 0;
                    double prodSq = 0;
                    for (Parameter p : params) {
                        NDArray w = p.getArray();
                        NDArray g = w.getGradient();
                        g.attach(sub);
                        sq += g.square().sum().getFloat();
                        NDArray gw = g.mul(w);
                        wfo += gw.abs().sum().getFloat();
                        prodSq += gw.square().sum().getFloat();
                    }
                    NDArray gx = x.getGradient().mul(x);
                    double ifo = gx.abs().sum().getFloat();
                    prodSq += gx.square().sum().getFloat();
                    return new MarginSensitivity(z[y] - z[r], y, r, Math.sqrt(sq), wfo, ifo, prodSq);
                }
            });
        }
        return out;
    }

    private static int argmax(float[] z, int skip) {
        int best = -1;
        for (int j = 0; j < z.length; j++) {
            if (j != skip && (best < 0 || z[j] > z[best])) {
                best = j;
            }
        }
        return best;
    }
}
