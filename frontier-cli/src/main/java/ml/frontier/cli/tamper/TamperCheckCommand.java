package ml.frontier.cli.tamper;

import ml.frontier.cli.common.JsonOption;
import ml.frontier.cli.common.ModelSource;
import ml.frontier.cli.common.SeedOption;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.io.ArrayBundle;
import ml.frontier.tamper.MarkerFile;
import ml.frontier.tamper.MarkerLedger;
import ml.frontier.tamper.MarkerSet;
import ml.frontier.tamper.TamperCheck;
import ml.frontier.tamper.TamperReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code frontier tamper check}: queries a model with markers; exit 0 intact, 1 tampered, 2 bad input. */
@Command(name = "check",
        description = "Query a model (file, ONNX or remote, label-only) with markers in an unpredictable order, "
                + "skipping markers earlier checks revealed (FILE.ledger); exit 0 if intact, 1 if tampered. The order "
                + "comes from a secure random source unless --seed is given (reproducible experiments only).")
public final class TamperCheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--markers", required = true, paramLabel = "FILE", description = "The marker file.")
    Path markersFile;

    @Mixin
    ModelSource source;

    @Mixin
    SeedOption seed;

    @Option(names = "--no-ledger",
            description = "Do not skip or retire revealed markers (experiments only: a logging server could cache them).")
    boolean noLedger;

    @Option(names = "--budget", defaultValue = "10", description = "At most this many queries (default: ${DEFAULT-VALUE}).")
    int budget;

    @Option(names = "--batch", defaultValue = "1",
            description = "Markers per request; 1 stops exactly at the first moved marker (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        MarkerSet markers = MarkerFile.read(markersFile);
        MarkerLedger ledger = noLedger ? null : MarkerLedger.open(markersFile);
        TamperCheck check = seed.given() ? new TamperCheck(budget, seed.seed(), batch) : TamperCheck.secure(budget, batch);
        TamperReport r;
        try (Classifier model = source.openClassifier(markers.preprocessing())) {
            r = ledger == null ? check.check(model, markers) : check.check(model, markers, ledger);
        }
        String hash = source.localSha256();
        var o = spec.commandLine().getOut();
        if (json.json) {
            Map<String, Object> m = r.asMap();
            if (hash != null) {
                m.put("modelSha256Matches", hash.equals(markers.modelSha256()));
            }
            o.println(ArrayBundle.JSON.writeValueAsString(m));
        } else {
            o.println(source.describe() + ": " + r.summary());
            o.println("query order seed " + r.seed() + (seed.given() ? " (given)" : " (secure random)")
                    + (ledger == null ? "; no ledger" : "; revealed markers recorded in " + ledger.file()));
            if (hash != null && !markers.modelSha256().isEmpty()) {
                o.println(hash.equals(markers.modelSha256())
                        ? "model file SHA-256 matches the one the markers were made for"
                        : "WARNING: the model file's SHA-256 differs from the one the markers were made for "
                        + "(its parameters changed, whatever the markers say)");
            }
        }
        return r.tampered() ? 1 : 0;
    }
}
