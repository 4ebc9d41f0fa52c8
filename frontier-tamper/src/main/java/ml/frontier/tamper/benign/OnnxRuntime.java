package ml.frontier.tamper.benign;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.OnnxClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.io.TempFiles;
import ml.frontier.core.model.ModelOptions;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.onnx.OnnxExport;
import ml.frontier.core.onnx.OnnxModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The model exported to ONNX and run by ONNX Runtime (other kernels, another summation order):
 * zoo {@code mlp} and {@code cnn} networks are exported, imported ONNX graphs written back as
 * they are. Other models (TorchScript, other architectures) cannot be exported here:
 * {@link #applies} says so and the marker file records that this check was not made.
 */
public final class OnnxRuntime implements Redeployment {

    private static final Set<String> EXPORTABLE = Set.of("mlp", "cnn");

    private final TrainableModel model;
    private final int[] batches;

    /** At batch sizes 1 and 256. */
    public OnnxRuntime(TrainableModel model) {
        this(model, 1, 256);
    }

    public OnnxRuntime(TrainableModel model, int... batches) {
        this.model = model;
        this.batches = batches.clone();
    }

    /** Whether this model can be run by ONNX Runtime. */
    public static boolean applies(TrainableModel model) {
        return model instanceof OnnxModel
                || model instanceof NetworkModel n && EXPORTABLE.contains(n.spec().architecture());
    }

    @Override
    public String name() {
        return "onnxruntime";
    }

    @Override
    public Map<String, int[]> labels(ImageBatch images) throws FrontierException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("frontier-onnx-check");
            Path file = dir.resolve("model.onnx");
            if (model instanceof NetworkModel n) {
                OnnxExport.write(n, file);
            } else if (model instanceof OnnxModel) {
                model.save(file);
            } else {
                throw new FrontierException(model.describe() + ": cannot be exported to ONNX here");
            }
            // a zoo network takes [0,1] images as they are; an imported graph brings its own transform
            ModelOptions options = model instanceof NetworkModel
                    ? new ModelOptions(model.inputShape(), model.numClasses(), model.preprocessing())
                    : new ModelOptions(null, null, model.preprocessing());
            Map<String, int[]> out = new LinkedHashMap<>();
            try (Classifier c = OnnxClassifier.open(file, options)) {
                for (int b : batches) {
                    out.put("batch" + b, c.predictAll(images, b));
                }
            }
            return out;
        } catch (IOException e) {
            throw new FrontierException("ONNX Runtime check: cannot write the exported model (" + e.getMessage() + ")");
        } finally {
            TempFiles.deleteTree(dir);
        }
    }
}
