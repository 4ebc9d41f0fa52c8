package ml.frontier.cli.watermark;

import ml.frontier.cli.common.JsonOption;
import ml.frontier.watermark.stats.BinomialThreshold;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code frontier watermark threshold}: θ of the binomial test and its exact false-positive rate. */
@Command(name = "threshold",
        description = "Print theta = min{z : 2^-k sum_{i<=z} C(k,i) >= p} and the exact false-positive rate P(Z <= theta-1).")
public final class ThresholdCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key-size", defaultValue = "100", description = "k (default: ${DEFAULT-VALUE}).")
    int keySize;

    @Option(names = "--p", defaultValue = "0.05", description = "Significance level (default: ${DEFAULT-VALUE}).")
    double p;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        int theta = BinomialThreshold.threshold(keySize, p);
        double fpr = BinomialThreshold.falsePositiveRate(keySize, theta);
        json.text().printf(Locale.ROOT,
                "k = %d, p = %s: theta = %d (watermarked iff mismatches < %d), exact false-positive rate %.6f%n",
                keySize, p, theta, theta, fpr);
        json.print(java.util.Map.of("keySize", keySize, "p", p, "theta", theta, "falsePositiveRate", fpr));
        return 0;
    }
}
