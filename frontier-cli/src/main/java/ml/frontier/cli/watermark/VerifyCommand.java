package ml.frontier.cli.watermark;

import ml.frontier.cli.common.ModelSource;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.watermark.KeyFile;
import ml.frontier.watermark.Verification;
import ml.frontier.watermark.Verifier;
import ml.frontier.watermark.WatermarkKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code frontier watermark verify}: queries a model with the key; exit 0 watermarked, 1 not, 2 bad input. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Query a model (file, ONNX or remote, label-only) with the key; exit 0 if watermarked, 1 if not.")
public final class VerifyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The owner's key file.")
    Path keyFile;

    @Mixin
    ModelSource source;

    @Option(names = "--p", paramLabel = "P", description = "Significance level (default: the key's, normally 0.05).")
    Double p;

    @Option(names = "--json", description = "Print the verdict as JSON.")
    boolean json;

    @Override
    public Integer call() throws FrontierException {
        var o = spec.commandLine().getOut();
        WatermarkKey key = KeyFile.read(keyFile);
        Verifier verifier = p == null ? new Verifier() : new Verifier(p);
        Verification v;
        try (Classifier suspect = source.openClassifier()) {
            v = verifier.verify(suspect, key);
        }
        if (json) {
            o.println(v.toJson());
        } else {
            o.printf(Locale.ROOT, "%s: %s (m = %d mismatches of k = %d, theta = %d at p = %s, exact false-positive "
                            + "bound %.4f, %d queries)%n", source.describe(),
                    v.watermarked() ? "WATERMARKED" : "not watermarked", v.mismatches(), v.k(), v.threshold(), v.p(),
                    v.falsePositiveBound(), v.queries());
        }
        return v.watermarked() ? 0 : 1;
    }
}
