package ml.frontier.gan.metrics;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.ModelSpec;
import ml.frontier.core.model.ModelZoo;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.train.ClassifierTrainer;
import ml.frontier.core.train.Evaluation;
import ml.frontier.core.train.TrainingConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Scores generated images as the MD-GAN paper does: the Inception Score computed with our own
 * classifier (the "MNIST score"), and the Fréchet distance between the classifier's
 * penultimate features of the generated images and of a fixed set of test images.
 */
public final class GanScorer implements AutoCloseable {

    /** The scoring classifier: core's CNN with 16 and 32 filters and dense 64 (64 features). */
    public static final Map<String, String> CLASSIFIER = Map.of("conv1", "16", "conv2", "32", "dense", "64");

    private final NetworkModel model;
    private final DjlClassifier classifier;
    private final FrechetDistance.Gaussian reference;
    private final int featureSize;
    private final double accuracy;

    /** Scores against {@code reference} (e.g. 500 test images) with a trained {@code model} (owned: closed by {@link #close()}). */
    public GanScorer(NetworkModel model, Dataset reference, double accuracy) throws FrontierException {
        this.model = model;
        this.classifier = new DjlClassifier(model);
        this.accuracy = accuracy;
        float[] f = classifier.features(reference.images());
        this.featureSize = f.length / reference.size();
        this.reference = FrechetDistance.Gaussian.fit(f, featureSize);
    }

    /**
     * Loads the classifier from {@code cache} when it exists, otherwise trains one on {@code train}
     * (3 epochs) and saves it there; {@code reference} images anchor the Fréchet distance.
     */
    public static GanScorer trainOrLoad(Dataset train, Dataset test, Dataset reference, Path cache, long seed,
                                        Progress progress) throws FrontierException {
        NetworkModel m;
        if (cache != null && Files.isRegularFile(cache)) {
            m = ModelFile.load(cache, "cnn");
        } else {
            ModelZoo zoo = ModelZoo.standard();
            ModelSpec spec = zoo.spec("cnn", CLASSIFIER, train.shape(), train.numClasses());
            m = NetworkModel.create(zoo, spec, seed);
            new ClassifierTrainer(TrainingConfig.builder().optEpochs(3).optBatchSize(64).optLearningRate(1e-3f)
                    .optSeed(seed).build(), progress).train(m, train, null);
            if (cache != null) {
                try {
                    ModelFile.save(m, cache);
                } catch (IOException e) {
                    m.close();
                    throw new FrontierException("cannot write the scoring classifier to " + cache + ": " + e.getMessage(), e);
                }
            }
        }
        double acc = Evaluation.accuracy(new DjlClassifier(m), test);
        return new GanScorer(m, reference, acc);
    }

    /** The classifier's test accuracy, as measured when it was trained or loaded. */
    public double accuracy() {
        return accuracy;
    }

    public int featureSize() {
        return featureSize;
    }

    public GanScores score(ImageBatch images) throws FrontierException {
        return score(images, null);
    }

    /**
     * Scores {@code images} that were generated (or drawn) for {@code classes}: adds how often the
     * classifier agrees with the class and the within-class diversity (both NaN without classes).
     */
    public GanScores score(ImageBatch images, int[] classes) throws FrontierException {
        float[] logits = classifier.logits(images);
        int k = classifier.numClasses();
        double is = InceptionScore.fromLogits(logits, k);
        float[] f = classifier.features(images);
        double fd = FrechetDistance.between(FrechetDistance.Gaussian.fit(f, featureSize), reference);
        if (classes == null) {
            return new GanScores(is, fd, Double.NaN, Double.NaN);
        }
        return new GanScores(is, fd, Diversity.agreement(argmax(logits, k), classes),
                Diversity.withinClass(images.data(), images.imageSize(), classes, k));
    }

    private static int[] argmax(float[] logits, int k) {
        int[] out = new int[logits.length / k];
        for (int i = 0; i < out.length; i++) {
            for (int c = 1; c < k; c++) {
                if (logits[i * k + c] > logits[i * k + out[i]]) {
                    out[i] = c;
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
