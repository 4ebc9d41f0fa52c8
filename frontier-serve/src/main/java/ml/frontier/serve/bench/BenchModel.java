package ml.frontier.serve.bench;

import ml.frontier.core.FrontierException;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.ModelSpec;
import ml.frontier.core.model.ModelZoo;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.train.ClassifierTrainer;
import ml.frontier.core.train.TrainingConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The benchmark's model: the zoo's standard CNN trained on the embedded MNIST, saved once. */
final class BenchModel {

    private BenchModel() {}

    /** Loads {@code file}, or trains the CNN ({@code epochs} on the embedded training set) and saves it there. */
    static NetworkModel loadOrTrain(Path file, TrainTest data, int epochs, long seed, PrintStream log)
            throws FrontierException, IOException {
        if (Files.exists(file)) {
            log.println("using " + file);
            return ModelFile.load(file);
        }
        ModelZoo zoo = ModelZoo.standard();
        ModelSpec spec = zoo.spec("cnn", Map.of(), ImageShape.MNIST, 10);
        NetworkModel m = NetworkModel.create(zoo, spec, seed);
        log.println("training the standard CNN for " + epochs + " epoch(s) on " + data.train().size() + " images, seed " + seed);
        new ClassifierTrainer(TrainingConfig.builder().optEpochs(epochs).optSeed(seed).build(), Progress.to(log, false))
                .train(m, data.train(), data.test());
        Files.createDirectories(file.toAbsolutePath().getParent());
        ModelFile.save(m, file);
        log.println("saved " + file);
        return m;
    }
}
