package ml.frontier.lab.demo;

import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageGrid;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.ModelSpec;
import ml.frontier.core.model.ModelZoo;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.train.ClassifierTrainer;
import ml.frontier.core.train.TrainingConfig;
import ml.frontier.core.train.TrainingReport;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Trains the owner's CNN on the embedded MNIST and saves it. */
final class TrainStep implements DemoStep {

    @Override
    public String title() {
        return "Train the owner's model";
    }

    @Override
    public void run(DemoContext ctx) throws Exception {
        ModelZoo zoo = ModelZoo.standard();
        ModelSpec spec = zoo.spec("cnn", Map.of(), ctx.data.train().shape(), 10);
        int epochs = ctx.quick ? 1 : 3;
        ctx.say("training %s on %s (%d images), %d epochs, seed %d", spec, ctx.data.train().name(),
                ctx.data.train().size(), epochs, ctx.seed);
        NetworkModel model = NetworkModel.create(zoo, spec, ctx.seed);
        ctx.model = model;
        TrainingReport r = new ClassifierTrainer(TrainingConfig.builder().optEpochs(epochs).optSeed(ctx.seed).build(),
                ctx.progress).train(model, ctx.data.train(), ctx.data.test());
        model.setMetadata(model.metadata().withAccuracy(ctx.data.train().name(), r.finalTestAccuracy())
                .withStep("train", Map.of("epochs", epochs, "seed", ctx.seed, "testAccuracy", r.finalTestAccuracy())));
        ctx.modelFile = ctx.out.resolve("owner-cnn.model");
        ModelFile.save(model, ctx.modelFile);
        ImageBatch sample = ctx.data.test().images().slice(0, 32);
        int[] pred = new DjlClassifier(model).predict(sample);
        ImageGrid.writePng(sample, 8, 3, ctx.out.resolve("test-digits.png"));
        String acc = String.format(Locale.ROOT, "%.2f%%", 100 * r.finalTestAccuracy());
        ctx.say("test accuracy %s after %.1f s; wrote %s", acc, r.seconds(), ctx.modelFile);
        ctx.report.heading(title())
                .paragraph(String.format(Locale.ROOT, "CNN (%,d parameters) trained %d epochs on %s: test accuracy %s on %s, "
                                + "%.1f s on this machine. Model file: owner-cnn.model, SHA-256 %s.",
                        model.parameterCount(), epochs, ctx.data.train().name(), acc, ctx.data.test().name(), r.seconds(),
                        model.metadata().parametersSha256()))
                .paragraph("Predicted labels of the first 32 test digits: " + java.util.Arrays.toString(pred))
                .image("first test digits", "test-digits.png");
        List<TrainingReport.Epoch> eps = r.epochs();
        ctx.report.table(List.of("epoch", "loss", "train acc", "test acc", "seconds"), eps.stream().map(e -> List.of(
                String.valueOf(e.epoch()), String.format(Locale.ROOT, "%.4f", e.loss()),
                String.format(Locale.ROOT, "%.4f", e.trainAccuracy()), String.format(Locale.ROOT, "%.4f", e.testAccuracy()),
                String.format(Locale.ROOT, "%.1f", e.seconds()))).toList());
        ctx.result(title(), "test accuracy " + acc);
    }
}
