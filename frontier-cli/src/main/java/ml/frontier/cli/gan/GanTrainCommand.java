package ml.frontier.cli.gan;

import ml.frontier.cli.common.DataOption;
import ml.frontier.cli.common.JsonOption;
import ml.frontier.cli.common.SeedOption;
import ml.frontier.cli.common.Terminal;
import ml.frontier.gan.GanMode;
import ml.frontier.gan.GanResult;
import ml.frontier.gan.GanTraining;
import ml.frontier.gan.train.GanHyper;
import ml.frontier.gan.train.GeneratorLoss;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code frontier gan train}: one GAN run in this process, with scores, sample grids, curves and a summary. */
@Command(name = "train",
        description = "Train a GAN (standalone, FL-GAN or MD-GAN in process); writes curve.csv, score.png, frechet.png, "
                + "samples-*.png and summary.md into --out.")
public final class GanTrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    DataOption data;
    @Mixin
    SeedOption seed;
    @Option(names = "--mode", defaultValue = "mdgan", description = "standalone, flgan or mdgan (default: ${DEFAULT-VALUE}).")
    GanMode mode;
    @Option(names = "--net", defaultValue = "mnist-mlp", description = "mnist-mlp, mnist-cnn or cifar-cnn (default: ${DEFAULT-VALUE}).")
    String net;
    @Option(names = "--workers", defaultValue = "5", description = "N workers (default: ${DEFAULT-VALUE}).")
    int workers;
    @Option(names = "--batch", defaultValue = "10", description = "b, batch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--k", defaultValue = "1", description = "MD-GAN: generated batches per iteration; 'log' for ceil(log2 N) (default: ${DEFAULT-VALUE}).")
    String k;
    @Option(names = "--L", defaultValue = "1", description = "Discriminator steps per iteration (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--epochs-per-swap", defaultValue = "1", description = "E: epochs between MD-GAN swaps / FL-GAN rounds (default: ${DEFAULT-VALUE}).")
    int epochsPerSwap;
    @Option(names = "--no-swap", description = "MD-GAN: never swap discriminators.")
    boolean noSwap;
    @Option(names = "--iterations", defaultValue = "5000", description = "I, iterations (default: ${DEFAULT-VALUE}).")
    long iterations;
    @Option(names = "--eval-every", defaultValue = "500", description = "Evaluate every this many iterations (default: ${DEFAULT-VALUE}).")
    long evalEvery;
    @Option(names = "--g-loss", defaultValue = "non-saturating", description = "Generator loss: non-saturating or minimax (the paper's) (default: ${DEFAULT-VALUE}).")
    String generatorLoss;
    @Option(names = "--swap-adam-state", description = "MD-GAN: swaps carry D's Adam moments too (3|theta| floats instead of |theta|).")
    boolean swapAdamState;
    @Option(names = "--out", defaultValue = "runs/gan", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;
    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        int kk = "log".equalsIgnoreCase(k) ? ml.frontier.gan.GanSetup.logK(workers) : Integer.parseInt(k);
        GanResult r = GanTraining.builder().setMode(mode).setData(data.load()).optNetwork(net).optWorkers(workers)
                .optBatch(batch).optK(kk).optDiscriminatorSteps(steps).optEpochsPerSwap(epochsPerSwap).optSwap(!noSwap)
                .optIterations(iterations).optEvalEvery(evalEvery).optOut(out).optSeed(seed.seed())
                .optHyper(GanHyper.DEFAULT.withGeneratorLoss(GeneratorLoss.parse(generatorLoss)).withSwapAdamState(swapAdamState))
                .build().train(Terminal.progress(spec));
        var o = json.text();
        o.printf(Locale.ROOT, "%s: MNIST score %.3f, Frechet distance %.3f, %.1f s%n", r.description(), r.finalScore(),
                r.finalFrechet(), r.seconds());
        o.printf(Locale.ROOT, "bytes per iteration: server->workers %.0f, workers->server %.0f; swaps %d bytes in total%n",
                r.serverToWorkerBytesPerIteration(), r.workerToServerBytesPerIteration(), r.workerToWorkerBytes());
        if (r.finalScores() != null) {
            o.printf(Locale.ROOT, "classifier agrees with the requested class: %.1f%%; within-class diversity %.2f%n",
                    100 * r.finalScores().agreement(), r.finalScores().diversity());
        }
        o.println("wrote " + out.resolve("summary.md") + ", curve.csv, score.png, frechet.png, " + r.lastGrid().getFileName());
        json.print(java.util.Map.of("run", r.description(), "score", r.finalScore(), "frechet", r.finalFrechet(),
                "seconds", r.seconds(), "seed", seed.seed(), "summary", out.resolve("summary.md").toString()));
        return 0;
    }
}
