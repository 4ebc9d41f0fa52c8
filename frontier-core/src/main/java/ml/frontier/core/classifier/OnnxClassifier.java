package ml.frontier.core.classifier;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.model.Engines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A black-box {@link Classifier} over an ONNX file (exported from PyTorch, Keras or Frontier),
 * run by DJL's OnnxRuntime engine.
 *
 * <p>The first input takes the images, as {@code [N,C,H,W]} or flattened {@code [N,C·H·W]}
 * (whichever rank the model declares); the first output gives class scores {@code [N,K]}
 * (arg-max taken) or labels {@code [N]}.
 */
public final class OnnxClassifier implements Classifier {

    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final ImageShape shape;
    private final int numClasses;
    private final boolean flatten;
    private final String description;
    private boolean closed;

    private OnnxClassifier(ZooModel<NDList, NDList> model, ImageShape shape, int numClasses, boolean flatten, String description) {
        this.model = model;
        this.predictor = model.newPredictor();
        this.shape = shape;
        this.numClasses = numClasses;
        this.flatten = flatten;
        this.description = description;
    }

    /** Loads an ONNX model taking images of {@code shape} and scoring {@code numClasses} classes. */
    public static OnnxClassifier load(Path file, ImageShape shape, int numClasses) throws FrontierException {
        if (!Files.isRegularFile(file)) {
            throw new FrontierException(file + ": no such file");
        }
        Engines.configureOffline();
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file.toAbsolutePath())
                .optEngine(Engines.ONNX)
                .optTranslator(new NoopTranslator())
                .build();
        ZooModel<NDList, NDList> model;
        try {
            model = criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new FrontierException(file + ": not a loadable ONNX model (" + e.getMessage() + ")");
        }
        boolean flatten = false;
        var inputs = model.describeInput();
        if (inputs != null && !inputs.isEmpty() && inputs.get(0).getValue() != null) {
            flatten = inputs.get(0).getValue().dimension() == 2;
        }
        return new OnnxClassifier(model, shape, numClasses, flatten, "ONNX model " + file);
    }

    @Override
    public synchronized int[] predict(ImageBatch images) throws FrontierException {
        checkShape(images, "the input");
        if (closed) {
            throw FrontierException.internal("the ONNX model is closed", null);
        }
        try (NDManager sub = model.getNDManager().newSubManager()) {
            Shape s = flatten ? new Shape(images.n(), images.imageSize()) : new Shape(images.djlShape());
            NDArray x = sub.create(images.data(), s);
            NDList out = predictor.predict(new NDList(x));
            NDArray y = out.get(0);
            int[] labels;
            if (y.getShape().dimension() == 1) {
                labels = y.toType(DataType.INT32, false).toIntArray();
            } else {
                labels = WhiteBoxClassifier.argmax(y.toType(DataType.FLOAT32, false).toFloatArray(), (int) y.getShape().get(1));
            }
            out.close();
            if (labels.length != images.n()) {
                throw new FrontierException(description + " returned " + labels.length + " answers for " + images.n() + " images");
            }
            return labels;
        } catch (TranslateException | RuntimeException e) {
            throw new FrontierException(description + ": inference failed (" + e.getMessage() + ")");
        }
    }

    @Override
    public ImageShape inputShape() {
        return shape;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            predictor.close();
            model.close();
        }
    }
}
