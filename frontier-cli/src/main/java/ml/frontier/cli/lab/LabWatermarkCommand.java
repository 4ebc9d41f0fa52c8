package ml.frontier.cli.lab;

import ml.frontier.cli.common.SeedOption;
import ml.frontier.cli.common.Terminal;
import ml.frontier.lab.watermark.WatermarkExperiment;
import ml.frontier.lab.watermark.WatermarkLabConfig;
import ml.frontier.lab.watermark.WatermarkLabResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code frontier lab watermark}: the frontier-stitching study on MNIST (CSV + PNG + Markdown). */
@Command(name = "watermark", mixinStandardHelpOptions = true,
        description = "Frontier stitching on the three MNIST networks x eps {0.025, 0.1, 0.25}: accuracy cost, key "
                + "accuracy, false positives on null models, removal attacks.")
public final class LabWatermarkCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SeedOption seed;

    @Option(names = "--quick", description = "Smaller networks, fewer epochs and 3 null models (a few minutes on 2 cores).")
    boolean quick;

    @Option(names = "--nulls", description = "Null models per network (default: 10, quick: 3).")
    Integer nulls;

    @Option(names = "--irnn-steps", defaultValue = "28",
            description = "Full run: IRNN sequence length (28 rows, the default, learns; 784 single pixels as in the paper learns far more slowly; default: ${DEFAULT-VALUE}).")
    int irnnSteps;

    @Option(names = "--nets", split = ",", defaultValue = "mlp,cnn,irnn",
            description = "Networks to study (default: ${DEFAULT-VALUE}).")
    java.util.List<String> nets;

    @Option(names = "--out", defaultValue = "runs/lab-watermark", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        var o = spec.commandLine().getOut();
        WatermarkLabConfig config = quick ? WatermarkLabConfig.quick(nulls == null ? 3 : nulls, seed.seed, out)
                : WatermarkLabConfig.full(nulls == null ? 10 : nulls, seed.seed, out, irnnSteps);
        config = config.withNets(nets);
        WatermarkLabResult r = new WatermarkExperiment(config, o, Terminal.progress(spec)).run();
        o.printf("false positives: %d of %d null-model checks (binomial), %d (empirical, leave-one-out); %.0f s%n",
                r.nullsClaimedBinomial(), r.nullChecks(), r.nullsClaimedEmpirical(), r.seconds());
        o.println("wrote " + out.resolve("summary.md") + ", embedding.csv, verifications.csv, prune-*.png");
        return 0;
    }
}
