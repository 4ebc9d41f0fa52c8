package ml.frontier.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ml.frontier.core.model.Architecture;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole training step (forward, cross-entropy, autograd, clipping, fused Adam) in one native
 * call, through a weightless TorchScript function bundled for the zoo networks that declare one
 * ({@link Architecture#stepScript}); made by {@code tools/make-train-steps.py}.
 *
 * <p>Why: the eager loop makes about forty calls from Java per step, and each one allocates
 * handles and crosses JNI; at batch 64 on the MLP they cost more than the arithmetic. The
 * script runs on the model's own parameter tensors and the optimizer's own moments, so the
 * model, its file and {@link Adam#state()} are the same as after an eager step.
 */
final class ScriptedStep {

    private final String resource;
    private final float dropout1;
    private final float dropout2;
    private final List<Parameter> parameters;

    private ScriptedStep(String resource, float dropout1, float dropout2, List<Parameter> parameters) {
        this.resource = resource;
        this.dropout1 = dropout1;
        this.dropout2 = dropout2;
        this.parameters = parameters;
    }

    /**
     * The scripted step for {@code model} trained by {@code adam}, or null where it cannot stand
     * in for the eager loop: another kind of model, a network without a script, some parameters
     * frozen (the script takes every gradient), or an optimizer the fused kernel cannot serve.
     */
    static ScriptedStep of(TrainableModel model, Adam adam) {
        if (!(model instanceof NetworkModel net) || adam.kernel() != Adam.Kernel.FUSED) {
            return null;
        }
        Architecture.StepScript script = net.architecture().stepScript(net.spec());
        if (script == null) {
            return null;
        }
        List<Parameter> all = new ArrayList<>();
        net.block().getParameters().forEach(p -> all.add(p.getValue()));
        if (!all.equals(adam.parameters())) {
            return null;
        }
        return new ScriptedStep("step-" + script.name() + ".pt", script.dropout1(), script.dropout2(), all);
    }

    /**
     * One step on the batch {@code x} (NCHW float32) with labels {@code y} (int64, shape [n]):
     * updates the parameters and {@code adam}'s moments in place; returns {mean loss, number
     * correct}. {@code training} switches dropout on. Runs under {@link
     * ml.frontier.core.engine.Gradients#run}, which turns gradient recording on.
     */
    float[] run(NDManager scratch, NDArray x, NDArray y, Adam adam, boolean training) {
        long t = adam.countScriptedStep();
        float[] s = adam.settings();
        NDArray method = scratch.zeros(new Shape(1));
        method.setName("module_method:step"); // DJL's convention: the method to run, not an input
        NDList in = new NDList(method, x, y);
        List<NDArray> named = new ArrayList<>();
        List<String> names = new ArrayList<>();
        // DJL groups inputs named "<list>[]" into one TorchScript list, in order of appearance
        add(in, parametersArrays(), "params[]", named, names);
        add(in, adam.firstMoments(), "exp_avg[]", named, names);
        add(in, adam.secondMoments(), "exp_avg_sq[]", named, names);
        in.add(scratch.create((float) t));
        in.add(scratch.create(new float[] {s[0], s[1], s[2], s[3], s[4], dropout1, dropout2, training ? 1f : 0f}));
        // the plain interpreter: the profiling executor re-specialises the graph whenever shapes
        // change (the last, short batch) and would differentiate it symbolically
        JniUtils.setGraphExecutorOptimize(false);
        try {
            // isTrain = true: DJL runs the method with gradient recording left on
            NDList out = IValueUtils.forward(BundledScripts.get(resource), in, true);
            return out.singletonOrThrow().toFloatArray();
        } finally {
            for (int i = 0; i < named.size(); i++) {
                named.get(i).setName(names.get(i));
            }
        }
    }

    private List<NDArray> parametersArrays() {
        List<NDArray> out = new ArrayList<>(parameters.size());
        parameters.forEach(p -> out.add(p.getArray()));
        return out;
    }

    /** Appends {@code arrays} under the list name, remembering their own names to restore. */
    private static void add(NDList in, List<NDArray> arrays, String list, List<NDArray> named, List<String> names) {
        for (NDArray a : arrays) {
            named.add(a);
            names.add(a.getName());
            a.setName(list);
            in.add(a);
        }
    }
}
