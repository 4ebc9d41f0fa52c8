package ml.frontier.cli.tamper;

import ml.frontier.cli.common.JsonOption;
import ml.frontier.cli.common.ModelSource;
import ml.frontier.cli.common.SeedOption;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.io.ArrayBundle;
import ml.frontier.tamper.MarkerFile;
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
        description = "Query a model (file, ONNX or remote, label-only) with markers in a seeded random order; "
                + "exit 0 if intact, 1 if tampered.")
public final class TamperCheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--markers", required = true, paramLabel = "FILE", description = "The marker file.")
    Path markersFile;

    @Mixin
    ModelSource source;

    @Mixin
    SeedOption seed;

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
        TamperReport r;
        try (Classifier model = source.openClassifier(markers.preprocessing())) {
            r = new TamperCheck(budget, seed.seed(), batch).check(model, markers);
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
            if (hash != null && !hash.equals(markers.modelSha256()) && !r.tampered()) {
                o.println("note: the model file's SHA-256 differs from the one the markers were made for");
            }
        }
        return r.tampered() ? 1 : 0;
    }
}
