package ml.frontier.core.testing;

import ml.frontier.core.FrontierException;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.data.DatasetLoader;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.model.ModelSpec;
import ml.frontier.core.model.ModelZoo;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.train.ClassifierTrainer;
import ml.frontier.core.train.TrainingConfig;

import java.util.Map;

/**
 * Small real models for tests in every module: trained for real on the embedded MNIST, sized so
 * that training takes about a second on two cores.
 */
public final class TestModels {

    private static TrainTest data;

    private TestModels() {}

    /** The embedded MNIST (8,000 train / 2,000 test), read once per test JVM. */
    public static synchronized TrainTest mnist() {
        if (data == null) {
            try {
                data = DatasetLoader.embeddedMnist();
            } catch (FrontierException e) {
                throw new IllegalStateException(e);
            }
        }
        return data;
    }

    /** The first {@code n} training images. */
    public static Dataset train(int n) {
        return mnist().train().head(n);
    }

    /** The first {@code n} test images. */
    public static Dataset test(int n) {
        return mnist().test().head(n);
    }

    /** A fresh, untrained network. */
    public static NetworkModel untrained(String architecture, Map<String, String> hyper, long seed) {
        ModelZoo zoo = ModelZoo.standard();
        ModelSpec spec = zoo.spec(architecture, hyper, ImageShape.MNIST, 10);
        return NetworkModel.create(zoo, spec, seed);
    }

    /** MLP 784-64-64-10 trained 2 epochs on 4,000 images: ≈ 90% test accuracy. */
    public static NetworkModel mlp(long seed) {
        return trained("mlp", Map.of("hidden", "64"), seed, 4000, 2);
    }

    /** CNN with 8 and 16 filters and dense 32, 2 epochs on 4,000 images: ≈ 93% test accuracy. */
    public static NetworkModel cnn(long seed) {
        return trained("cnn", Map.of("conv1", "8", "conv2", "16", "dense", "32"), seed, 4000, 2);
    }

    public static NetworkModel trained(String architecture, Map<String, String> hyper, long seed, int trainSize, int epochs) {
        NetworkModel m = untrained(architecture, hyper, seed);
        try {
            new ClassifierTrainer(TrainingConfig.builder().optEpochs(epochs).optSeed(seed).build(), Progress.silent())
                    .train(m, train(trainSize), null);
        } catch (FrontierException e) {
            m.close();
            throw new IllegalStateException(e);
        }
        return m;
    }
}
