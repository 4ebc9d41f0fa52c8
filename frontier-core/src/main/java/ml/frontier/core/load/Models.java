package ml.frontier.core.load;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.classifier.ForwardingClassifier;
import ml.frontier.core.classifier.OnnxClassifier;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.ModelOptions;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.onnx.OnnxModel;
import ml.frontier.core.torchscript.TorchScriptModel;

import java.nio.file.Path;

/**
 * Opens a model file of any format Frontier knows ({@link ModelFormat}), recognised from its
 * content.
 *
 * <pre>{@code
 * try (TrainableModel m = Models.loadTrainable(Path.of("cnn.pt"), ModelOptions.none())) { … }
 * try (Classifier c = Models.openClassifier(Path.of("resnet.onnx"), ModelOptions.none())) { … }
 * }</pre>
 */
public final class Models {

    private Models() {}

    /**
     * A white box: a Frontier model file, a TorchScript file, or an ONNX graph imported node by
     * node ({@link OnnxModel}; fails with a one-line message naming an operator it does not know).
     */
    public static TrainableModel loadTrainable(Path file, ModelOptions options) throws FrontierException {
        return switch (ModelFormat.detect(file)) {
            case FRONTIER -> frontier(file, options);
            case TORCHSCRIPT -> TorchScriptModel.load(file, options);
            case ONNX -> OnnxModel.load(file, options);
        };
    }

    /** A black box over any model file (ONNX files run in ONNX Runtime); closing it frees the model. */
    public static Classifier openClassifier(Path file, ModelOptions options) throws FrontierException {
        if (ModelFormat.detect(file) == ModelFormat.ONNX) {
            return OnnxClassifier.open(file, options);
        }
        TrainableModel m = loadTrainable(file, options);
        return new Owning(new DjlClassifier(m, m.describe() + " from " + file, 512), m);
    }

    /** Whether {@code file} can be opened as a white box ({@link #loadTrainable}). */
    public static boolean isWhiteBox(Path file) throws FrontierException {
        return ModelFormat.detect(file) != ModelFormat.ONNX || OnnxModel.importable(file);
    }

    private static NetworkModel frontier(Path file, ModelOptions options) throws FrontierException {
        if (!options.preprocessing().isIdentity()) {
            throw new FrontierException(file + ": a Frontier model takes [0,1] NCHW images; normalisation and layout "
                    + "options are for TorchScript and ONNX models");
        }
        NetworkModel m = ModelFile.load(file);
        if (options.inputShape() != null && !options.inputShape().equals(m.inputShape())
                || options.numClasses() != null && options.numClasses() != m.numClasses()) {
            String says = m.inputShape() + " → " + m.numClasses();
            m.close();
            throw new FrontierException(file + ": the model file says " + says + ", which the shape or class options contradict");
        }
        return m;
    }

    /** A classifier that closes the model it owns. */
    private static final class Owning extends ForwardingClassifier {
        private final TrainableModel model;

        Owning(DjlClassifier inner, TrainableModel model) {
            super(inner);
            this.model = model;
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
