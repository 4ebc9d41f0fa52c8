package ml.frontier.watermark;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.progress.Progress;

/**
 * The scheme in one call: generate a key on the owner's model and training data, stitch it in,
 * and bind it to the marked model's hash. The CLI, the demo and the labs all mark through here.
 */
public final class FrontierStitching {

    private final KeyGenerator.Config keyConfig;
    private final Embedder.Config embedConfig;
    private final Progress progress;

    public FrontierStitching(KeyGenerator.Config keyConfig, Embedder.Config embedConfig, Progress progress) {
        this.keyConfig = keyConfig;
        this.embedConfig = embedConfig;
        this.progress = progress;
    }

    /** What marking produced: the key bound to the marked model, and the embedding report. */
    public record Marking(WatermarkKey key, EmbeddingReport embedding, double keySeconds) {}

    /** Marks {@code model} in place with a fresh key drawn from {@code data.train()}. */
    public Marking mark(TrainableModel model, TrainTest data) throws FrontierException {
        long t0 = System.nanoTime();
        WatermarkKey draft = new KeyGenerator(keyConfig).generate(new DjlClassifier(model), data.train());
        double keySeconds = (System.nanoTime() - t0) / 1e9;
        EmbeddingReport r = new Embedder(forModel(model), progress).embed(model, draft, data);
        return new Marking(r.key(), r, keySeconds);
    }

    /** Recurrent nets need clipped gradients to fine-tune stably; others take the config as it is. */
    private Embedder.Config forModel(TrainableModel model) {
        if (embedConfig.clip() == 0 && "irnn".equals(model.metadata().spec().architecture())) {
            return new Embedder.Config(embedConfig.learningRate(), embedConfig.batchSize(), embedConfig.boost(),
                    embedConfig.keyShare(), embedConfig.maxEpochs(), embedConfig.patience(), 1f, embedConfig.noisyCopies(),
                    embedConfig.noiseSigma(), embedConfig.seed());
        }
        return embedConfig;
    }
}
