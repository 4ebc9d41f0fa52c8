package ml.frontier.tamper.benign;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.model.TrainableModel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model in this process at batch sizes 1 to 1024 (batching changes the GEMM blocking and so
 * the summation order), and an independent copy of its parameters.
 */
public final class InProcess implements Redeployment {

    /** Batch sizes of the genuine model: every small size and powers of two up to 1024. */
    public static final int[] BATCHES = {1, 2, 3, 5, 8, 16, 32, 64, 128, 256, 512, 1024};
    private static final int[] COPY_BATCHES = {1, 64, 1024};

    private final TrainableModel model;
    private final Classifier blackBox;

    /** The white-box model and a copy of it. */
    public InProcess(TrainableModel model) {
        this.model = model;
        this.blackBox = null;
    }

    /** Any classifier (e.g. remote): batch sizes only. */
    public InProcess(Classifier blackBox) {
        this.model = null;
        this.blackBox = blackBox;
    }

    @Override
    public String name() {
        return "in-process";
    }

    @Override
    public Map<String, int[]> labels(ImageBatch images) throws FrontierException {
        Map<String, int[]> out = new LinkedHashMap<>();
        Classifier genuine = model != null ? new DjlClassifier(model, "genuine", 1024) : blackBox;
        for (int b : BATCHES) {
            out.put("batch" + b, genuine.predictAll(images, b));
        }
        if (model != null) {
            try (TrainableModel copy = model.copy()) {
                DjlClassifier c = new DjlClassifier(copy, "copy", 1024);
                for (int b : COPY_BATCHES) {
                    out.put("copy/batch" + b, c.predictAll(images, b));
                }
            }
        }
        return out;
    }
}
