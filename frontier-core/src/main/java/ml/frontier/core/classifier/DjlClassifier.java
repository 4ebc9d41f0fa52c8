package ml.frontier.core.classifier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ml.frontier.core.FrontierException;
import ml.frontier.core.engine.Engines;
import ml.frontier.core.engine.Gradients;
import ml.frontier.core.engine.ParameterFreeze;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.model.Forward;
import ml.frontier.core.model.TrainableModel;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link WhiteBoxClassifier} over a {@link TrainableModel} held by DJL's PyTorch engine.
 *
 * <p>Inference is thread-safe (the HTTP server calls it from many threads); gradient passes go
 * one at a time through {@link Gradients}. Each call works in its own sub-manager, so its
 * native arrays are freed when it returns.
 */
public final class DjlClassifier implements WhiteBoxClassifier {

    /** A scalar to differentiate with respect to the input, built from a forward pass. */
    @FunctionalInterface
    public interface Objective {
        /** Returns a scalar NDArray (summed over the batch). */
        NDArray apply(Forward.WithFeatures forward, NDArray input, NDManager manager);
    }

    /** The input gradient and the objective's value. */
    public record Gradient(float[] input, float value) {}

    private final TrainableModel model;
    private final String description;
    private final int maxBatch;

    public DjlClassifier(TrainableModel model) {
        this(model, model.describe(), 512);
    }

    public DjlClassifier(TrainableModel model, String description, int maxBatch) {
        this.model = model;
        this.description = description;
        this.maxBatch = maxBatch;
    }

    public TrainableModel model() {
        return model;
    }

    @Override
    public int[] predict(ImageBatch images) throws FrontierException {
        return WhiteBoxClassifier.argmax(logits(images), numClasses());
    }

    @Override
    public float[] logits(ImageBatch images) throws FrontierException {
        return Engines.withoutGradients(() -> logitsNoGrad(images));
    }

    private float[] logitsNoGrad(ImageBatch images) throws FrontierException {
        checkShape(images, "the input");
        int k = numClasses();
        float[] out = new float[images.n() * k];
        for (int from = 0; from < images.n(); from += maxBatch) {
            ImageBatch part = images.slice(from, Math.min(images.n(), from + maxBatch));
            try (NDManager sub = model.manager().newSubManager()) {
                NDArray x = sub.create(part.data(), new Shape(part.djlShape()));
                NDArray logits = model.logits(new ParameterStore(sub, false), x, false);
                System.arraycopy(logits.toFloatArray(), 0, out, from * k, part.n() * k);
            }
        }
        return out;
    }

    /** Penultimate features, {@code n × featureSize} row-major (for Fréchet distances). */
    public float[] features(ImageBatch images) throws FrontierException {
        return Engines.withoutGradients(() -> featuresNoGrad(images));
    }

    private float[] featuresNoGrad(ImageBatch images) throws FrontierException {
        checkShape(images, "the input");
        List<float[]> parts = new ArrayList<>();
        int total = 0;
        for (int from = 0; from < images.n(); from += maxBatch) {
            ImageBatch part = images.slice(from, Math.min(images.n(), from + maxBatch));
            try (NDManager sub = model.manager().newSubManager()) {
                NDArray x = sub.create(part.data(), new Shape(part.djlShape()));
                float[] f = model.forwardWithFeatures(new ParameterStore(sub, false), x, false)
                        .features().toFloatArray();
                parts.add(f);
                total += f.length;
            }
        }
        float[] out = new float[total];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Override
    public float[] lossGradient(ImageBatch images, int[] labels) throws FrontierException {
        if (labels.length != images.n()) {
            throw new IllegalArgumentException(images.n() + " images but " + labels.length + " labels");
        }
        return gradient(images, (fwd, x, m) -> {
            NDArray y = m.create(labels);
            NDArray logp = fwd.logits().logSoftmax(1);
            return logp.mul(y.oneHot(numClasses())).sum().neg();
        }).input();
    }

    /**
     * The gradient of {@code objective} with respect to the input images. The network's
     * parameters take no gradient (they are frozen for the pass, then restored).
     */
    public Gradient gradient(ImageBatch images, Objective objective) throws FrontierException {
        checkShape(images, "the input");
        List<Parameter> params = model.parameterNames().stream().map(model::parameter).toList();
        return ParameterFreeze.frozen(params, () -> Gradients.run(gc -> {
            try (NDManager sub = model.manager().newSubManager()) {
                NDArray x = sub.create(images.data(), new Shape(images.djlShape()));
                x.setRequiresGradient(true);
                Forward.WithFeatures fwd = model.forwardWithFeatures(new ParameterStore(sub, false), x, false);
                NDArray value = objective.apply(fwd, x, sub);
                gc.backward(value);
                float v = value.toFloatArray()[0];
                try (NDArray g = x.getGradient()) {
                    return new Gradient(g.toFloatArray(), v);
                }
            }
        }));
    }

    @Override
    public ImageShape inputShape() {
        return model.inputShape();
    }

    @Override
    public int numClasses() {
        return model.numClasses();
    }

    @Override
    public String describe() {
        return description;
    }

    /** The network belongs to whoever created it: closing the classifier leaves it open. */
    @Override
    public void close() {}
}
