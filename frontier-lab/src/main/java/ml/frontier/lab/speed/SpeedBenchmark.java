package ml.frontier.lab.speed;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.data.DatasetLoader;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.engine.Engines;
import ml.frontier.core.io.AtomicFiles;
import ml.frontier.core.model.ModelSpec;
import ml.frontier.core.model.ModelZoo;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.train.ClassifierTrainer;
import ml.frontier.core.train.TrainingConfig;
import ml.frontier.core.train.TrainingReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Times one training epoch and inference throughput of zoo models with DJL, for each model ×
 * batch size × training-loop variant, and writes {@code runs.csv}, {@code medians.csv} and
 * {@code summary.md} into the output directory.
 */
public final class SpeedBenchmark {

    private final SpeedConfig config;
    private final PrintWriter log;
    private final ModelZoo zoo = ModelZoo.standard();

    public SpeedBenchmark(SpeedConfig config, PrintWriter log) {
        this.config = config;
        this.log = log;
    }

    /** Runs everything and writes the files; returns the runs. */
    public SpeedTable run() throws FrontierException {
        TrainTest data = DatasetLoader.load(config.data());
        String dataName = config.data().equals(DatasetLoader.EMBEDDED) || config.data().equals(DatasetLoader.FASHION)
                ? config.data() : "dir";
        log.printf(Locale.ROOT, "%s; data %s: %d train / %d test; JVM flags %s%n", Engines.versions(), dataName,
                data.train().size(), data.test().size(), ManagementFactory.getRuntimeMXBean().getInputArguments());
        log.flush();
        SpeedTable table = new SpeedTable();
        for (String arch : config.models()) {
            ModelSpec spec = zoo.spec(arch, Map.of(), data.train().shape(), data.train().numClasses());
            for (int batch : config.batches()) {
                for (Variant variant : config.variants()) {
                    for (int r = 0; r < config.repeats(); r++) {
                        SpeedRow row = once(spec, dataName, data, batch, variant, config.repeatOffset() + r);
                        table.add(row);
                        log.printf(Locale.ROOT, "djl %s %s batch %d %s #%d: epoch %.3f s, cpu %.3f s (loss %.4f, acc %.4f), "
                                        + "inference %.0f images/s%n", dataName, arch, batch, variant.label(),
                                row.repeat(), row.epochSeconds(), row.epochCpuSeconds(), row.trainLoss(), row.trainAccuracy(),
                                row.inferImagesPerSecond());
                        log.flush();
                    }
                }
            }
        }
        write(table);
        return table;
    }

    private SpeedRow once(ModelSpec spec, String dataName, TrainTest data, int batch, Variant variant, int repeat)
            throws FrontierException {
        long seed = config.seed() + repeat;
        try (NetworkModel model = NetworkModel.create(zoo, spec, seed)) {
            Dataset train = data.train();
            double seconds, loss, acc;
            long cpu0;
            TrainingReport.Phases phases;
            if (variant == Variant.CORE) {
                TrainingConfig tc = TrainingConfig.builder().optEpochs(1).optBatchSize(batch)
                        .optLearningRate(config.learningRate()).optSeed(seed).build();
                ClassifierTrainer trainer = new ClassifierTrainer(tc, Progress.silent());
                if (config.warmupBatches() > 0) {
                    trainer.train(model, train.head(Math.min(train.size(), config.warmupBatches() * batch)), null);
                }
                System.gc();
                cpu0 = cpuNanos();
                TrainingReport report = trainer.train(model, train, null);
                TrainingReport.Epoch e = report.epochs().get(0);
                seconds = e.seconds();
                loss = e.loss();
                acc = e.trainAccuracy();
                phases = e.phases();
            } else if (variant == Variant.TORCHSCRIPT) {
                try (TorchScriptStepTrainer trainer = new TorchScriptStepTrainer(
                        config.trainSteps().resolve(spec.architecture() + ".pt"))) {
                    Random rng = new Random(seed);
                    if (config.warmupBatches() > 0) {
                        trainer.epoch(train, batch, rng, config.warmupBatches());
                    }
                    System.gc();
                    cpu0 = cpuNanos();
                    LabTrainer.EpochResult e = trainer.epoch(train, batch, rng, 0);
                    seconds = e.seconds();
                    loss = e.loss();
                    acc = e.accuracy();
                    phases = e.phases();
                }
            } else {
                LabTrainer trainer = new LabTrainer(variant, config.learningRate());
                Random rng = new Random(seed);
                if (config.warmupBatches() > 0) {
                    trainer.epoch(model, train, batch, rng, config.warmupBatches());
                }
                System.gc();
                cpu0 = cpuNanos();
                LabTrainer.EpochResult e = trainer.epoch(model, train, batch, rng, 0);
                seconds = e.seconds();
                loss = e.loss();
                acc = e.accuracy();
                phases = e.phases();
            }
            double cpu = (cpuNanos() - cpu0) / 1e9;
            // the scripted step trains its own weights: the zoo model's inference would say nothing of it
            double ips = variant == Variant.TORCHSCRIPT ? Double.NaN : inferenceThroughput(model, data.test());
            return new SpeedRow("djl", dataName, spec.architecture(), batch, variant.label(), repeat, seconds, cpu, loss,
                    acc, config.inferBatch(), ips, phases);
        }
    }

    /** CPU time of the whole process (all threads), or -1 where the JVM cannot tell. */
    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** Images per second of DjlClassifier.logits over the test set (after one warm-up batch). */
    private double inferenceThroughput(NetworkModel model, Dataset test) throws FrontierException {
        DjlClassifier classifier = new DjlClassifier(model, "bench", config.inferBatch());
        classifier.logits(test.images().slice(0, Math.min(test.size(), config.inferBatch())));
        long t0 = System.nanoTime();
        classifier.logits(test.images());
        return test.size() / ((System.nanoTime() - t0) / 1e9);
    }

    private void write(SpeedTable table) throws FrontierException {
        try {
            AtomicFiles.writeString(config.out().resolve("runs.csv"), table.csv());
            AtomicFiles.writeString(config.out().resolve("medians.csv"), table.mediansCsv());
            AtomicFiles.writeString(config.out().resolve("summary.md"), "# DJL training speed\n\n"
                    + "Data " + config.data() + ", Adam lr " + config.learningRate() + ", " + config.warmupBatches()
                    + " warm-up batches, inference batch " + config.inferBatch() + ", seed " + config.seed()
                    + ", " + Engines.versions() + ".\nJVM flags: "
                    + ManagementFactory.getRuntimeMXBean().getInputArguments() + "\n\nMedians (seconds per epoch; "
                    + "phases: CPU seconds of the training thread, from the lab loop's timers):\n\n" + table.markdown());
        } catch (IOException e) {
            throw new FrontierException("cannot write the benchmark results to " + config.out() + ": " + e.getMessage());
        }
    }
}
