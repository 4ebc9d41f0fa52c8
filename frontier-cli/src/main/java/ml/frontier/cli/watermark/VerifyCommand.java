package ml.frontier.cli.watermark;

import ml.frontier.cli.common.JsonOption;
import ml.frontier.cli.common.ModelSource;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.watermark.DecisionRule;
import ml.frontier.watermark.KeyFile;
import ml.frontier.watermark.ReferenceSet;
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
@Command(name = "verify",
        description = "Query a model (file, ONNX or remote, label-only) with the key; exit 0 if watermarked, 1 if not.")
public final class VerifyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The owner's key file.")
    Path keyFile;

    @Mixin
    ModelSource source;

    @Option(names = "--rule", paramLabel = "binomial|conformal|paper",
            description = "Decision rule (default: binomial for coin keys, conformal when --references is given).")
    String rule;

    @Option(names = "--references", paramLabel = "FILE",
            description = "Reference answers made by 'watermark references' (the conformal rule).")
    Path references;

    @Option(names = "--p", paramLabel = "P", description = "Significance level (default: the key's).")
    Double p;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws FrontierException {
        var o = spec.commandLine().getOut();
        WatermarkKey key = KeyFile.read(keyFile);
        ReferenceSet refs = references == null ? null : ReferenceSet.read(references);
        DecisionRule chosen = parseRule();
        Verifier verifier = p == null ? new Verifier() : new Verifier(p);
        Verification v;
        try (Classifier suspect = source.openClassifier(key.provenance().preprocessing())) {
            v = verifier.verify(suspect, key, chosen, refs);
        }
        if (json.json) {
            o.println(v.toJson());
        } else {
            String test = v.rule() == DecisionRule.CONFORMAL
                    ? String.format(Locale.ROOT, "conformal p = %.4g against %d references", v.pValue(), v.references())
                    : String.format(Locale.ROOT, "theta = %d, p-value %.3g", v.threshold(), v.pValue());
            o.printf(Locale.ROOT, "%s: %s (rule %s: m = %d mismatches of k = %d counted images, %s, level %s; %d queries)%n",
                    source.describe(), v.watermarked() ? "WATERMARKED" : "not watermarked", v.rule().id(), v.mismatches(),
                    v.k(), test, v.alpha(), v.queries());
            o.println("guarantee: " + v.guarantee());
        }
        return v.watermarked() ? 0 : 1;
    }

    private DecisionRule parseRule() {
        try {
            return rule == null ? null : DecisionRule.parse(rule);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
