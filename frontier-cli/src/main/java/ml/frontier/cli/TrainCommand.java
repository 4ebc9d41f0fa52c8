package ml.frontier.cli;

import ml.frontier.cli.common.DataOption;
import ml.frontier.cli.common.JsonOption;
import ml.frontier.cli.common.SeedOption;
import ml.frontier.cli.common.Terminal;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.ModelSpec;
import ml.frontier.core.model.ModelZoo;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.train.ClassifierTrainer;
import ml.frontier.core.train.TrainingConfig;
import ml.frontier.core.train.TrainingReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code frontier train}: trains a network of the zoo and writes a model file. */
@Command(name = "train",
        description = "Train a network of the zoo (mlp, cnn, irnn, resnet) and write a model file.")
public final class TrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "ARCH", description = "Architecture: mlp, cnn, irnn or resnet.")
    String architecture;

    @Option(names = "--arch-opt", paramLabel = "KEY=VALUE",
            description = "Hyper-parameter of the architecture, e.g. hidden=256 (repeatable; `frontier info --zoo` lists them).")
    Map<String, String> hyper = new LinkedHashMap<>();

    @Mixin
    DataOption data;

    @Mixin
    SeedOption seed;

    @Option(names = "--epochs", defaultValue = "3", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--clip", defaultValue = "0", description = "Clip gradients element-wise to [-c,c]; 0 for none (default: 1 for irnn).")
    float clip;

    @Option(names = "--train-size", defaultValue = "0", description = "Use only the first N training images (0: all).")
    int trainSize;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Model file to write.")
    Path out;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        var o = json.text();
        TrainTest tt = data.load();
        var train = trainSize > 0 ? tt.train().head(trainSize) : tt.train();
        ModelZoo zoo = ModelZoo.standard();
        ModelSpec ms = zoo.spec(architecture, hyper, train.shape(), train.numClasses());
        float c = clip == 0 && architecture.equals("irnn") ? 1f : clip;
        TrainingConfig config = TrainingConfig.builder().optEpochs(epochs).optBatchSize(batch)
                .optLearningRate(lr).optSeed(seed.seed()).optClip(c).build();
        o.printf("training %s on %s (%d images), %d epochs, batch %d, lr %s, seed %d%n",
                ms, train.name(), train.size(), epochs, batch, lr, seed.seed());
        try (NetworkModel model = NetworkModel.create(zoo, ms, seed.seed())) {
            TrainingReport r = new ClassifierTrainer(config, Terminal.progress(spec)).train(model, train, tt.test());
            model.setMetadata(model.metadata().withAccuracy(train.name(), r.finalTestAccuracy())
                    .withStep("train", Map.of("data", train.name(), "epochs", epochs, "batch", batch, "lr", lr,
                            "clip", c, "seed", seed.seed(), "testAccuracy", r.finalTestAccuracy(), "seconds", r.seconds())));
            ModelFile.save(model, out);
            o.printf(Locale.ROOT, "test accuracy %.4f on %s after %.1f s; wrote %s (sha256 %s)%n",
                    r.finalTestAccuracy(), tt.test().name(), r.seconds(), out, model.metadata().parametersSha256());
            json.print(Map.of("model", out.toString(), "architecture", ms.toString(), "data", train.name(),
                    "epochs", epochs, "seed", seed.seed(), "testAccuracy", r.finalTestAccuracy(), "seconds", r.seconds(),
                    "sha256", model.metadata().parametersSha256()));
        }
        return 0;
    }
}
