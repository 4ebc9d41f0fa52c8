package ml.frontier.cli.lab;

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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code frontier lab tamper}: the TamperNN study on MNIST (CSV + PNG + Markdown). */
@Command(name = "tamper",
        description = "TamperNN markers on the three MNIST networks x attacks x strategies: detection probability vs "
                + "queries, false alarms on benign re-deployments, generation time (--quick: smaller networks, 1 training "
                + "epoch per attack, 3 copies; a few minutes on 2 cores).")
public final class LabTamperCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LabOptions lab;

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

    @Override
    public Integer call() throws Exception {
        var o = lab.json().text();
        Path out = lab.out();
        TamperLabConfig config = lab.quick ? TamperLabConfig.quick(copies == null ? 3 : copies, lab.seed(), out)
                : TamperLabConfig.full(copies == null ? 20 : copies, lab.seed(), out, irnnSteps);
        if (nets != null) {
            config = config.onlyNets(nets);
        }
        config = config.onData(data);
        TamperLabResult r = new TamperExperiment(config, o, Terminal.progress(spec)).run();
        Map<String, Object> strategies = new LinkedHashMap<>();
        for (String s : MarkerStrategies.NAMES) {
            o.printf(Locale.ROOT, "%-9s worst P(detect@10) %.3f, mean %.3f; queries for 99%% in the worst cell %s; "
                            + "false alarms %d/%d held-out set checks (%d/%d markers)%n", s, r.worstDetection(s, 10),
                    r.meanDetection(s, 10), r.worstQueriesFor(s, 0.99) < 0 ? ">100" : r.worstQueriesFor(s, 0.99),
                    r.falseAlarms(s), r.benignChecks(s), r.benignMarkersMoved(s), r.benignMarkerChecks(s));
            strategies.put(s, Map.of("worstDetection10", r.worstDetection(s, 10), "meanDetection10", r.meanDetection(s, 10),
                    "queriesFor99WorstCell", r.worstQueriesFor(s, 0.99), "falseAlarms", r.falseAlarms(s),
                    "benignChecks", r.benignChecks(s), "benignMarkerChecks", r.benignMarkerChecks(s),
                    "benignMarkersMoved", r.benignMarkersMoved(s)));
        }
        o.printf(Locale.ROOT, "wrote %s (detection.csv, benign.csv, generation.csv, detect-*.png) in %.0f s%n",
                out.resolve("summary.md"), r.seconds());
        lab.json().print(Map.of("strategies", strategies, "seconds", r.seconds(), "report", out.resolve("summary.md").toString(),
                "seed", lab.seed()));
        return 0;
    }
}
