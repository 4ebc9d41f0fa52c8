package ml.frontier.cli.lab;

import ml.frontier.cli.common.SeedOption;
import ml.frontier.cli.common.Terminal;
import ml.frontier.lab.tamper.TamperExperiment;
import ml.frontier.lab.tamper.TamperLabConfig;
import ml.frontier.lab.tamper.TamperLabResult;
import ml.frontier.tamper.strategy.MarkerStrategies;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code frontier lab tamper}: the TamperNN study on MNIST (CSV + PNG + Markdown). */
@Command(name = "tamper", mixinStandardHelpOptions = true,
        description = "TamperNN markers on the three MNIST networks x attacks x strategies: detection probability vs "
                + "queries, false alarms on benign re-deployments, generation time.")
public final class LabTamperCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SeedOption seed;

    @Option(names = "--quick", description = "Smaller networks, 1 training epoch per attack, 3 copies (a few minutes on 2 cores).")
    boolean quick;

    @Option(names = "--copies", description = "Attacked copies per cell (default: 20, quick: 3).")
    Integer copies;

    @Option(names = "--irnn-steps", defaultValue = "28",
            description = "Full run: IRNN sequence length (784 single pixels as in the paper is much slower; default: ${DEFAULT-VALUE}).")
    int irnnSteps;

    @Option(names = "--nets", split = ",", paramLabel = "NET",
            description = "Only these networks (mlp, cnn, irnn; default: all three).")
    java.util.List<String> nets;

    @Option(names = "--data", defaultValue = "mnist",
            description = "mnist (the embedded digits) or fashion (Fashion-MNIST, 60,000 training images; install "
                    + "dataset-fashion-mnist) (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--out", defaultValue = "runs/lab-tamper", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        var o = spec.commandLine().getOut();
        TamperLabConfig config = quick ? TamperLabConfig.quick(copies == null ? 3 : copies, seed.seed, out)
                : TamperLabConfig.full(copies == null ? 20 : copies, seed.seed, out, irnnSteps);
        if (nets != null) {
            config = config.onlyNets(nets);
        }
        config = config.onData(data);
        TamperLabResult r = new TamperExperiment(config, o, Terminal.progress(spec)).run();
        for (String s : MarkerStrategies.NAMES) {
            o.printf(Locale.ROOT, "%-9s worst P(detect@10) %.3f, mean %.3f; queries for 99%% in the worst cell %s; "
                            + "false alarms %d/%d held-out set checks (%d/%d markers)%n", s, r.worstDetection(s, 10),
                    r.meanDetection(s, 10), r.worstQueriesFor(s, 0.99) < 0 ? ">100" : r.worstQueriesFor(s, 0.99),
                    r.falseAlarms(s), r.benignChecks(s), r.benignMarkersMoved(s), r.benignMarkerChecks(s));
        }
        o.printf(Locale.ROOT, "wrote %s (detection.csv, benign.csv, generation.csv, detect-*.png) in %.0f s%n",
                out.resolve("summary.md"), r.seconds());
        return 0;
    }
}
