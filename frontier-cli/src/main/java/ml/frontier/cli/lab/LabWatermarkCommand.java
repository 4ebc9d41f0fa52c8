package ml.frontier.cli.lab;

import ml.frontier.cli.common.Terminal;
import ml.frontier.lab.watermark.WatermarkExperiment;
import ml.frontier.lab.watermark.WatermarkLabConfig;
import ml.frontier.lab.watermark.WatermarkLabResult;
import ml.frontier.watermark.stats.ClopperPearson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code frontier lab watermark}: the frontier-stitching soundness and robustness study (CSV + PNG + Markdown). */
@Command(name = "watermark",
        description = "Frontier stitching on MNIST (--quick: small networks, a small pool, 19 references; a few minutes on 2 cores): false claims on unrelated models per rule and family, removal "
                + "attacks, ROC of m. Trained models are cached in --out: rerun the same command to resume.")
public final class LabWatermarkCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    LabOptions lab;

    @Option(names = "--owners", split = ",", defaultValue = "mlp,cnn", description = "Owner networks (default: ${DEFAULT-VALUE}).")
    List<String> owners;

    @Option(names = "--references", split = ",",
            description = "Reference models per owner for the conformal rule (default: full 99,0; quick 19,0).")
    List<Integer> references;

    @Option(names = "--epsilons", split = ",", description = "FGSM steps of the keys (default: 0.025,0.1,0.25; quick 0.1).")
    List<Float> epsilons;

    @Option(names = "--extra-coin-keys", description = "Further coin keys at eps 0.1 with other seeds (default: 2; quick 1).")
    Integer extraCoinKeys;

    @Option(names = "--conformal-alpha", description = "Level of the conformal rule (default: 0.01; quick 0.05).")
    Double conformalAlpha;

    @Option(names = "--null-scale", description = "Multiply the pool's family sizes by this (default: 1).")
    Double nullScale;

    @Option(names = "--copies", description = "Attacked copies per attack (default: full 2, quick 1).")
    Integer copies;

    @Option(names = "--onnx-nulls", paramLabel = "DIR",
            description = "A directory of PyTorch-made ONNX classifiers to add to the null pool (tools/make-null-models.py).")
    Path onnxNulls;

    @Override
    public Integer call() throws Exception {
        var o = lab.json().text();
        Path out = lab.out();
        WatermarkLabConfig config = lab.quick ? WatermarkLabConfig.quick(lab.seed(), out)
                : WatermarkLabConfig.full(lab.seed(), out);
        if (epsilons != null || extraCoinKeys != null) {
            config = config.withKeys(epsilons != null ? epsilons : config.epsilons(),
                    extraCoinKeys != null ? extraCoinKeys : config.extraCoinKeys());
        }
        if (nullScale != null || copies != null) {
            config = config.withPool(nullScale != null ? nullScale : config.nullScale(),
                    copies != null ? copies : config.copies());
        }
        if (conformalAlpha != null) {
            config = config.withConformalAlpha(conformalAlpha);
        }
        config = config.withOnnxNulls(onnxNulls).withOwners(owners);
        if (references != null) {
            config = config.withReferences(references); // one per owner kept
        }
        WatermarkLabResult r = new WatermarkExperiment(config, o, Terminal.progress(spec)).run();
        Map<String, Object> rules = new LinkedHashMap<>();
        for (String rule : new String[] {"binomial", "conformal", "paper"}) {
            int n = r.nullChecks(rule).size();
            if (n > 0) {
                long x = r.falseClaims(rule);
                double bound = ClopperPearson.upper((int) x, n, 0.95);
                o.printf(Locale.ROOT, "%-9s: %d false claims in %d null checks (95%% upper bound %.2f%%)%n", rule, x, n,
                        100 * bound);
                rules.put(rule, Map.of("falseClaims", x, "nullChecks", n, "upperBound95", bound));
            }
        }
        o.printf(Locale.ROOT, "%.0f s; wrote %s, keys.csv, checks.csv, roc-*.png%n", r.seconds(), out.resolve("summary.md"));
        lab.json().print(Map.of("rules", rules, "seconds", r.seconds(), "report", out.resolve("summary.md").toString(),
                "seed", lab.seed()));
        return 0;
    }
}
