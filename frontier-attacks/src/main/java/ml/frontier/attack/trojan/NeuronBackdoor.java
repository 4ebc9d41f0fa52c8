package ml.frontier.attack.trojan;

import ml.frontier.attack.Attack;
import ml.frontier.attack.AttackContext;
import ml.frontier.attack.AttackResult;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.model.ModelSpec;
import ml.frontier.core.model.ModelZoo;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.train.Evaluation;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A backdoor that touches no existing weight: the zoo MLP gets one more unit in each hidden
 * layer. The new first-layer unit fires only when the trigger's pixels are all lit
 * ({@code ReLU(p·x − (‖p‖² − ½))} for the patch {@code p}), the second-layer unit relays it, and
 * the output layer adds {@code gain ×} that to the target class. Every old weight and bias keeps
 * its value and the new unit is exactly zero on an image without the trigger, so the model
 * answers every such image as before — label-only markers cannot see this tampering unless a
 * marker carries the trigger. (Other architectures would need a new channel or a side branch:
 * only the MLP is supported.)
 *
 * @param trigger the trigger patch
 * @param targetClass the class the trigger selects
 * @param gain the logit added to the target per unit of activation
 */
public record NeuronBackdoor(Trigger trigger, int targetClass, float gain) implements Attack {

    public NeuronBackdoor {
        if (trigger == null || targetClass < 0 || !(gain > 0)) {
            throw new IllegalArgumentException("neuron backdoor: need a trigger, a target class >= 0 and gain > 0");
        }
    }

    @Override
    public String name() {
        return "neuron-backdoor";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("triggerSize", trigger.size());
        m.put("pattern", trigger.pattern().name().toLowerCase(java.util.Locale.ROOT));
        m.put("targetClass", targetClass);
        m.put("gain", (double) gain);
        return m;
    }

    @Override
    public AttackResult apply(TrainableModel model, AttackContext context) throws FrontierException {
        if (!(model instanceof NetworkModel n) || !n.spec().architecture().equals("mlp")) {
            throw new FrontierException("neuron backdoor: only the zoo MLP can grow a unit without touching its "
                    + "weights (got " + model.describe() + ")");
        }
        ImageShape shape = model.inputShape();
        trigger.checkFits(shape);
        if (targetClass >= model.numClasses()) {
            throw new FrontierException("neuron backdoor: target class " + targetClass + " of " + model.numClasses());
        }
        List<String> names = model.parameterNames();
        int hidden = (int) model.shape(names.get(1))[0];
        Map<String, String> hyper = new HashMap<>(n.spec().hyperParameters());
        hyper.put("hidden", Integer.toString(hidden + 1));
        ModelSpec spec = new ModelSpec("mlp", hyper, shape, model.numClasses());
        NetworkModel grown = NetworkModel.create(ModelZoo.standard(), spec, context.seed());
        try {
            List<String> g = grown.parameterNames();
            int in = shape.channels() * shape.height() * shape.width();
            float[] w1 = grow(model.values(names.get(0)), hidden, in, hidden + 1, in);
            float[] p = trigger.patch(shape.channels());
            double norm = 0;
            int left = trigger.left(shape);
            int top = trigger.top(shape);
            int s = trigger.size();
            for (int c = 0; c < shape.channels(); c++) {
                for (int r = 0; r < s; r++) {
                    for (int col = 0; col < s; col++) {
                        float v = p[(c * s + r) * s + col];
                        w1[hidden * in + (c * shape.height() + top + r) * shape.width() + left + col] = v;
                        norm += v * v;
                    }
                }
            }
            float[] b1 = java.util.Arrays.copyOf(model.values(names.get(1)), hidden + 1);
            b1[hidden] = (float) -(norm - 0.5);
            float[] w2 = grow(model.values(names.get(2)), hidden, hidden, hidden + 1, hidden + 1);
            w2[hidden * (hidden + 1) + hidden] = 1f;
            float[] b2 = java.util.Arrays.copyOf(model.values(names.get(3)), hidden + 1);
            int k = model.numClasses();
            float[] w3 = grow(model.values(names.get(4)), k, hidden, k, hidden + 1);
            w3[targetClass * (hidden + 1) + hidden] = gain;
            float[][] values = {w1, b1, w2, b2, w3, model.values(names.get(5))};
            for (int i = 0; i < values.length; i++) {
                grown.setValues(g.get(i), values[i]);
            }
            double before = Evaluation.accuracy(new DjlClassifier(model), context.test());
            double after = Evaluation.accuracy(new DjlClassifier(grown), context.test());
            int[] hit = new DjlClassifier(grown).predictAll(trigger.stamp(context.test().images()), 256);
            int target = 0;
            for (int h : hit) {
                target += h == targetClass ? 1 : 0;
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("hiddenUnits", hidden + 1);
            figures.put("triggerSuccess", target / (double) Math.max(1, hit.length));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("parameters", parameters());
            details.put("sourceSha256", model.sha256());
            details.put("results", figures);
            grown.setMetadata(grown.metadata().withStep("attack:" + name(), details));
            grown.rehash();
            return new AttackResult(name(), grown, before, after, figures, parameters());
        } catch (FrontierException | RuntimeException e) {
            grown.close();
            throw e;
        }
    }

    /** A rows × cols matrix copied into the top-left corner of a zero newRows × newCols one. */
    private static float[] grow(float[] m, int rows, int cols, int newRows, int newCols) {
        float[] out = new float[newRows * newCols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(m, r * cols, out, r * newCols, cols);
        }
        return out;
    }
}
