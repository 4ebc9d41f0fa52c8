package ml.frontier.watermark;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.train.ClassifierTrainer;
import ml.frontier.core.train.Evaluation;
import ml.frontier.core.train.TrainingConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stitches a key into a model: fine-tunes it (Adam, small learning rate) on the training data plus
 * the key repeated {@code boost} times, epoch by epoch, until the model classifies every key image
 * with its key label (counted images and anchors alike), or the key accuracy stops improving for {@code patience} epochs, or
 * {@code maxEpochs} run out.
 *
 * <p>The boost follows the Watermark Robustness Toolbox's {@code boost_factor}; by default it is
 * chosen so the key is about {@code keyShare} (10%) of each epoch's examples. The model is changed
 * in place; its metadata gains a {@code watermark:embed} step and a fresh hash.
 */
public final class Embedder {

    /**
     * Embedding settings.
     *
     * @param learningRate Adam's step size (small: the model must keep its accuracy)
     * @param batchSize mini-batch size
     * @param boost times the key is repeated per epoch; 0 chooses it from {@code keyShare}
     * @param keyShare wanted share of key examples in an epoch when {@code boost} is 0
     * @param maxEpochs at most this many epochs
     * @param patience stop after this many epochs without a better key accuracy
     * @param clip element-wise gradient clipping (0 for none; the IRNN wants it)
     * @param noisyCopies extra copies of each key image, with Gaussian pixel noise and the same
     *        label, stitched alongside it: they widen the region the model answers the key label
     *        in, which is meant to make the mark survive fine-tuning (0: the paper's embedding)
     * @param noiseSigma standard deviation of that noise, in [0,1] pixel units
     * @param seed seeds the mini-batch order
     */
    public record Config(float learningRate, int batchSize, int boost, double keyShare, int maxEpochs, int patience,
                         float clip, int noisyCopies, float noiseSigma, long seed) {
        public Config {
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
            }
            if (batchSize <= 0 || boost < 0 || maxEpochs < 1 || patience < 1) {
                throw new IllegalArgumentException("bad embedding config: batch " + batchSize + ", boost " + boost
                        + ", max epochs " + maxEpochs + ", patience " + patience);
            }
            if (noisyCopies < 0 || !(noiseSigma >= 0 && noiseSigma <= 1)) {
                throw new IllegalArgumentException("noisy copies must be >= 0 and sigma in [0,1], got " + noisyCopies
                        + " and " + noiseSigma);
            }
            if (!(keyShare > 0 && keyShare < 1)) {
                throw new IllegalArgumentException("key share must be in (0,1), got " + keyShare);
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        /** Defaults: lr 3e-4, batch 64, boost from a 10% key share, at most 20 epochs, patience 5. */
        public static final class Builder {
            private float learningRate = 3e-4f;
            private int batchSize = 64;
            private int boost;
            private double keyShare = 0.1;
            private int maxEpochs = 20;
            private int patience = 5;
            private float clip;
            private int noisyCopies;
            private float noiseSigma = 0.05f;
            private long seed = 1;

            public Builder optLearningRate(float v) {
                learningRate = v;
                return this;
            }

            public Builder optBatchSize(int v) {
                batchSize = v;
                return this;
            }

            public Builder optBoost(int v) {
                boost = v;
                return this;
            }

            public Builder optKeyShare(double v) {
                keyShare = v;
                return this;
            }

            public Builder optMaxEpochs(int v) {
                maxEpochs = v;
                return this;
            }

            public Builder optPatience(int v) {
                patience = v;
                return this;
            }

            public Builder optClip(float v) {
                clip = v;
                return this;
            }

            public Builder optNoisyCopies(int copies, float sigma) {
                noisyCopies = copies;
                noiseSigma = sigma;
                return this;
            }

            public Builder optSeed(long v) {
                seed = v;
                return this;
            }

            public Config build() {
                return new Config(learningRate, batchSize, boost, keyShare, maxEpochs, patience, clip, noisyCopies,
                        noiseSigma, seed);
            }
        }
    }

    private final Config config;
    private final Progress progress;

    public Embedder(Config config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    /** The boost used for {@code trainSize} training images and a key of {@code keySize}. */
    public int boostFor(int trainSize, int keySize) {
        if (config.boost() > 0) {
            return config.boost();
        }
        double share = config.keyShare();
        return Math.max(1, (int) Math.round(share * trainSize / ((1 - share) * keySize)));
    }

    /**
     * Marks {@code model} in place with {@code key}, fine-tuning on {@code data.train()} and
     * measuring on {@code data.test()}. Returns the report and the key bound to the marked model.
     */
    public EmbeddingReport embed(TrainableModel model, WatermarkKey key, TrainTest data) throws FrontierException {
        DjlClassifier clf = new DjlClassifier(model);
        key.checkFits(clf);
        long start = System.nanoTime();
        Dataset keySet = new Dataset("watermark-key", key.images(), key.labels(), model.numClasses());
        Dataset stitch = keySet;
        java.util.Random noise = new java.util.Random(config.seed() ^ 0x9E3779B97F4A7C15L);
        for (int c = 0; c < config.noisyCopies(); c++) {
            float[] px = key.images().data().clone();
            for (int i = 0; i < px.length; i++) {
                px[i] = Math.min(1f, Math.max(0f, px[i] + (float) (config.noiseSigma() * noise.nextGaussian())));
            }
            stitch = stitch.concat(new Dataset("watermark-key-noisy", ml.frontier.core.image.ImageBatch.of(px,
                    key.size(), key.images().shape()), key.labels(), model.numClasses()));
        }
        int boost = boostFor(data.train().size(), stitch.size());
        Dataset boosted = stitch;
        for (int i = 1; i < boost; i++) {
            boosted = boosted.concat(stitch);
        }
        Dataset epochData = data.train().concat(boosted);
        double testBefore = Evaluation.accuracy(clf, data.test());
        double keyBefore = Evaluation.accuracy(clf, keySet);
        List<Double> keyByEpoch = new ArrayList<>();
        double best = keyBefore;
        int stale = 0;
        int epoch = 0;
        double keyAcc = keyBefore;
        while (keyAcc < 1 && epoch < config.maxEpochs() && stale < config.patience()) {
            epoch++;
            TrainingConfig tc = TrainingConfig.builder().optEpochs(1).optBatchSize(config.batchSize())
                    .optLearningRate(config.learningRate()).optClip(config.clip()).optSeed(config.seed() + epoch)
                    .build();
            new ClassifierTrainer(tc, progress).train(model, epochData, null);
            keyAcc = Evaluation.accuracy(clf, keySet);
            keyByEpoch.add(keyAcc);
            progress.finish(String.format(Locale.ROOT, "stitching epoch %d: key accuracy %.3f", epoch, keyAcc));
            if (keyAcc > best) {
                best = keyAcc;
                stale = 0;
            } else {
                stale++;
            }
        }
        double testAfter = Evaluation.accuracy(clf, data.test());
        WatermarkKey bound = key.withMarkedModel(model.sha256());
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("eps", key.epsilon());
        step.put("scheme", key.scheme().id());
        step.put("k", key.countedSize());
        step.put("anchors", key.anchors());
        step.put("keySha256", bound.commitment());
        step.put("boost", boost);
        step.put("noisyCopies", config.noisyCopies());
        step.put("noiseSigma", config.noiseSigma());
        step.put("epochs", epoch);
        step.put("learningRate", config.learningRate());
        step.put("seed", config.seed());
        step.put("testAccuracyBefore", testBefore);
        step.put("testAccuracyAfter", testAfter);
        step.put("keyAccuracy", keyAcc);
        model.setMetadata(model.metadata().withStep("watermark:embed", step).withAccuracy(data.test().name(), testAfter));
        model.rehash();
        return new EmbeddingReport(bound, testBefore, testAfter, keyBefore, keyAcc, epoch, boost, keyByEpoch,
                (System.nanoTime() - start) / 1e9);
    }
}
