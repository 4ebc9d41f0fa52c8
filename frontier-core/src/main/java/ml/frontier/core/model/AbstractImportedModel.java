package ml.frontier.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.image.Preprocessing;
import ml.frontier.core.io.AtomicFiles;
import ml.frontier.core.io.Hashing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What a model in a user's format (TorchScript, ONNX) shares: the manager that holds it, the
 * image shape, classes and input transform, the metadata, a plain file written back with a
 * {@link ModelSidecar}, and logits standing in for penultimate features (such a model does not
 * expose its layers).
 */
public abstract class AbstractImportedModel implements TrainableModel {

    private final NDManager manager;
    private final String name;
    private final ImageShape inputShape;
    private final int numClasses;
    private final Preprocessing preprocessing;
    private ModelMetadata metadata;
    private boolean closed;

    protected AbstractImportedModel(NDManager manager, String name, ImageShape inputShape, int numClasses,
                                    Preprocessing preprocessing, ModelMetadata metadata) {
        this.manager = manager;
        this.name = name;
        this.inputShape = inputShape;
        this.numClasses = numClasses;
        this.preprocessing = preprocessing;
        this.metadata = metadata;
    }

    /** "TorchScript", "ONNX": for descriptions. */
    protected abstract String format();

    /** The file's name, for messages. */
    public String name() {
        return name;
    }

    /** Logits as features: see the class note. */
    @Override
    public Forward.WithFeatures forwardWithFeatures(ParameterStore ps, NDArray images, boolean training) {
        NDArray logits = logits(ps, images, training);
        return new Forward.WithFeatures(logits, logits);
    }

    @Override
    public ImageShape inputShape() {
        return inputShape;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public void setMetadata(ModelMetadata metadata) {
        this.metadata = metadata;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public AbstractImportedModel rehash() {
        metadata = metadata.withHash(sha256());
        return this;
    }

    /** Writes {@code bytes} (the model in its own format) and the sidecar {@code file.frontier.json}, each atomically. */
    protected void writeWithSidecar(Path file, byte[] bytes) throws IOException {
        rehash();
        AtomicFiles.write(file, bytes);
        new ModelSidecar(ModelSidecar.FORMAT, Hashing.sha256Hex(bytes), metadata, preprocessing.asMap()).writeBeside(file);
    }

    @Override
    public String describe() {
        return format() + " " + name + " on " + inputShape + " → " + numClasses
                + (preprocessing.isIdentity() ? "" : " (input " + preprocessing + ")");
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
