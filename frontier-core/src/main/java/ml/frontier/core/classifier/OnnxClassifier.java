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
import ml.frontier.core.engine.Engines;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.image.Preprocessing;
import ml.frontier.core.model.ModelOptions;
import ml.frontier.core.onnx.OnnxGraph;

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
        ZooModel<NDList, NDList> model = loadModel(file);
        var inputs = model.describeInput();
        boolean flatten = inputs != null && !inputs.isEmpty() && inputs.get(0).getValue() != null
                && inputs.get(0).getValue().dimension() == 2;
        return new OnnxClassifier(model, shape, numClasses, flatten, "ONNX model " + file);
    }

    /**
     * Opens an ONNX model with the input shape and number of classes its graph declares; {@code
     * options} fill in what it leaves open (a flattened or dynamic input, a dynamic class axis)
     * and say which transform ({@link Preprocessing}) the model expects.
     */
    public static Classifier open(Path file, ModelOptions options) throws FrontierException {
        OnnxGraph graph = OnnxGraph.read(file);
        graph.checkKnownDomains();
        graph.singleInput();
        ZooModel<NDList, NDList> model = loadModel(file);
        try {
            Preprocessing pre = options.preprocessing();
            OnnxSignature sig = OnnxSignature.of(file, graph, (image, flat) -> probe(file, model, pre, image, flat),
                    options);
            long[] t = pre.tensorShape(sig.image());
            ImageShape tensor = new ImageShape((int) t[0], (int) t[1], (int) t[2]);
            OnnxClassifier inner = new OnnxClassifier(model, tensor, sig.classes(), sig.flattened(), "ONNX model " + file);
            return TransformedClassifier.of(inner, pre, sig.image());
        } catch (FrontierException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static long[] probe(Path file, ZooModel<NDList, NDList> model, Preprocessing pre, ImageShape image, boolean flat)
            throws FrontierException {
        long[] t = pre.tensorShape(image);
        try (NDManager sub = model.getNDManager().newSubManager(); Predictor<NDList, NDList> p = model.newPredictor()) {
            NDArray x = flat ? sub.zeros(new Shape(2, image.size())) : sub.zeros(new Shape(2, t[0], t[1], t[2]));
            NDList out = p.predict(new NDList(x));
            long[] dims = out.get(0).getShape().getShape();
            out.close();
            return dims;
        } catch (TranslateException | RuntimeException e) {
            throw new FrontierException(file + ": the model does not run on images of shape " + image + " ("
                    + OnnxSignature.reason(e) + ")");
        }
    }

    private static ZooModel<NDList, NDList> loadModel(Path file) throws FrontierException {
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
        try {
            return criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new FrontierException(file + ": not a loadable ONNX model (" + OnnxSignature.reason(e) + ")");
        }
    }

    /** The first output as floats, {@code n × numClasses()} (what ONNX Runtime computes, for comparisons). */
    public synchronized float[] scores(ImageBatch images) throws FrontierException {
        checkShape(images, "the input");
        try (NDManager sub = model.getNDManager().newSubManager()) {
            Shape s = flatten ? new Shape(images.n(), images.imageSize()) : new Shape(images.djlShape());
            NDList out = predictor.predict(new NDList(sub.create(images.data(), s)));
            float[] v = out.get(0).toType(DataType.FLOAT32, false).toFloatArray();
            out.close();
            return v;
        } catch (TranslateException | RuntimeException e) {
            throw new FrontierException(description + ": inference failed (" + e.getMessage() + ")");
        }
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
