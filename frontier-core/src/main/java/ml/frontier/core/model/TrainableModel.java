package ml.frontier.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.image.Preprocessing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classifier network held here, whose parameters can be read, changed and trained: what key
 * generation, watermark stitching, marker generation and the attacks need. A network of the zoo
 * ({@link NetworkModel}) is one; a user's TorchScript model is another.
 *
 * <p>Forward passes take the mode explicitly: {@code training=false} is evaluation behaviour (no
 * dropout, frozen batch-norm statistics) <em>whether or not</em> gradients are recorded, so input
 * gradients for keys and markers see the model as it answers queries. {@code training=true} is
 * what fine-tuning uses.
 *
 * <pre>{@code
 * try (TrainableModel model = Models.load(path)) {
 *     new ClassifierTrainer(config, progress).train(model, train, test);
 *     model.save(out);
 * }
 * }</pre>
 */
public interface TrainableModel extends AutoCloseable {

    ImageShape inputShape();

    int numClasses();

    /** What the model is and every step that made it (training, watermarking, attacks). */
    ModelMetadata metadata();

    void setMetadata(ModelMetadata metadata);

    /** The manager holding the parameters: open per-batch sub-managers from it. */
    NDManager manager();

    /** Logits {@code n × numClasses()} of a batch {@code n × C × H × W} (see the class note on modes). */
    NDArray logits(ParameterStore ps, NDArray images, boolean training);

    /**
     * Logits and the penultimate features (the input of the last layer); models that cannot
     * expose them return the logits as features.
     */
    Forward.WithFeatures forwardWithFeatures(ParameterStore ps, NDArray images, boolean training);

    /** Parameter names in a stable order. */
    List<String> parameterNames();

    /** A parameter by name; fails with a message listing the names when there is none. */
    Parameter parameter(String name);

    /** Whether training updates the parameter (weights, biases, batch-norm scale and shift). */
    boolean isTrainable(String name);

    /** Whether it is a weight tensor (what pruning, quantization and perturbation touch). */
    boolean isWeight(String name);

    /** Whether the parameter belongs to the last (output) layer. */
    boolean isLastLayer(String name);

    /** An independent copy: same parameters, state and metadata. The caller closes it. */
    TrainableModel copy();

    /** SHA-256 of the current parameters (and state, such as batch-norm statistics). */
    String sha256();

    /** Recomputes the hash into the metadata; call after changing parameters. */
    TrainableModel rehash();

    /** Writes the model, atomically, in its own format (with its provenance). */
    void save(Path file) throws IOException;

    /** One line for reports ("cnn{…} on 1x28x28 → 10", "TorchScript cnn.pt …"). */
    String describe();

    /** Frees the native memory; safe to call more than once. */
    @Override
    void close();

    /**
     * The transform between Frontier's {@code [0,1]} NCHW images and the model's input, applied
     * inside {@link #logits}; key and marker files record it so a later check applies it too.
     */
    default Preprocessing preprocessing() {
        return Preprocessing.none();
    }

    /** A copy of a parameter's values. */
    default float[] values(String name) {
        return parameter(name).getArray().toFloatArray();
    }

    default long[] shape(String name) {
        return parameter(name).getArray().getShape().getShape();
    }

    /** Overwrites a parameter's values in place (same length). */
    default void setValues(String name, float[] values) {
        NDArray a = parameter(name).getArray();
        if (a.size() != values.length) {
            throw new IllegalArgumentException(name + " holds " + a.size() + " values, got " + values.length);
        }
        a.set(values);
    }

    /** The total number of parameter values. */
    default long parameterCount() {
        long n = 0;
        for (String name : parameterNames()) {
            n += parameter(name).getArray().size();
        }
        return n;
    }

    /** Name → values of every parameter, copied. */
    default Map<String, float[]> snapshot() {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (String n : parameterNames()) {
            m.put(n, values(n));
        }
        return m;
    }
}
