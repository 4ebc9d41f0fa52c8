package ml.frontier.cli.watermark;

import ml.frontier.cli.common.DataOption;
import ml.frontier.cli.common.JsonOption;
import ml.frontier.cli.common.ModelSource;
import ml.frontier.cli.common.SeedOption;
import ml.frontier.cli.common.Terminal;
import ml.frontier.core.FrontierException;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.watermark.Embedder;
import ml.frontier.watermark.EmbeddingReport;
import ml.frontier.watermark.FrontierStitching;
import ml.frontier.watermark.KeyFile;
import ml.frontier.watermark.KeyGenerator;
import ml.frontier.watermark.KeyScheme;
import ml.frontier.watermark.WatermarkKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code frontier watermark embed}: makes a key from the model and its training data, stitches
 * it in, writes the marked model and the key. Exit 0 when every key image is stitched, 1 when the
 * epochs ran out first (both files are written either way).
 */
@Command(name = "embed",
        description = "Generate a frontier-stitching key and embed it: writes the marked model and the owner's key.")
public final class EmbedCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelSource source;

    @Mixin
    DataOption data;

    @Mixin
    SeedOption seed;

    @Option(names = "--scheme", defaultValue = "coin", paramLabel = "coin|paper",
            description = "coin: counted true adversaries labelled by secret fair coins, sound binomial verdicts "
                    + "(default); paper: original labels as in the paper (needs reference models to verify soundly).")
    String scheme;

    @Option(names = "--key-size", defaultValue = "100", description = "k, counted key images (default: ${DEFAULT-VALUE}).")
    int keySize;

    @Option(names = "--anchors", description = "coin scheme: uncounted false adversaries that hold the frontier (default: k/2).")
    Integer anchors;

    @Option(names = "--eps", defaultValue = "0.1", description = "FGSM epsilon (paper: 0.025, 0.1, 0.25; default: ${DEFAULT-VALUE}).")
    float eps;

    @Option(names = "--p", defaultValue = "0.001",
            description = "Significance level recorded in the key: the false-claim bound verdicts give (default: ${DEFAULT-VALUE}).")
    double p;

    @Option(names = "--coin-seed", paramLabel = "N",
            description = "Draw the coins from this seed, for reproducible experiments (anyone who knows it knows the "
                    + "coins; default: a SecureRandom).")
    Long coinSeed;

    @Option(names = "--max-epochs", defaultValue = "20", description = "At most this many stitching epochs (default: ${DEFAULT-VALUE}).")
    int maxEpochs;

    @Option(names = "--lr", defaultValue = "0.0003", description = "Adam learning rate for stitching (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--noisy-copies", defaultValue = "0",
            description = "Stitch this many noisy copies of each key image too (a wider mark; default: ${DEFAULT-VALUE}).")
    int noisyCopies;

    @Option(names = "--noise-sigma", defaultValue = "0.05", description = "Pixel noise of those copies (default: ${DEFAULT-VALUE}).")
    float noiseSigma;

    @Option(names = "--train-size", defaultValue = "0",
            description = "Stitch with only the first N training images (0: all; the key is drawn from them too).")
    int trainSize;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Marked model file to write.")
    Path out;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "Key file to write (keep it secret).")
    Path keyFile;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws FrontierException, java.io.IOException {
        var o = spec.commandLine().getOut();
        TrainTest all = data.load();
        TrainTest tt = trainSize > 0 ? new TrainTest(all.train().head(trainSize), all.test()) : all;
        KeyGenerator.Config.Builder kb = KeyGenerator.Config.builder().optScheme(parseScheme()).optKeySize(keySize)
                .optEpsilon(eps).optP(p).optSeed(seed.seed()).optCoinSeed(coinSeed);
        if (anchors != null) {
            kb.optAnchors(anchors);
        }
        Embedder.Config ec = Embedder.Config.builder().optLearningRate(lr).optMaxEpochs(maxEpochs)
                .optNoisyCopies(noisyCopies, noiseSigma).optSeed(seed.seed()).build();
        try (TrainableModel model = source.loadTrainable()) {
            FrontierStitching.Marking mk = new FrontierStitching(kb.build(), ec, Terminal.progress(spec)).mark(model, tt);
            WatermarkKey key = mk.key();
            EmbeddingReport r = mk.embedding();
            model.save(out);
            KeyFile.write(key, keyFile);
            if (json.json) {
                var m = new java.util.LinkedHashMap<String, Object>(r.asMap());
                m.put("keySeconds", mk.keySeconds());
                m.put("model", out.toString());
                m.put("keyFile", keyFile.toString());
                m.put("seed", seed.seed());
                m.put("coins", key.provenance().coins());
                o.println(ml.frontier.core.io.ArrayBundle.JSON.valueToTree(m).toPrettyString());
            } else {
                o.printf(Locale.ROOT, "key (%s scheme): %d counted images, %d anchors, at eps %s from %s, seed %d, coins %s, "
                                + "%.2f s%n", key.scheme().id(), key.countedSize(), key.anchors(), eps, tt.train().name(),
                        seed.seed(), key.provenance().coins(), mk.keySeconds());
                o.printf(Locale.ROOT, "stitched in %d epochs (boost %d, %.1f s): key accuracy %.3f -> %.3f, "
                                + "test accuracy %.4f -> %.4f (drop %.2f points)%n", r.epochs(), r.boost(), r.seconds(),
                        r.keyAccuracyBefore(), r.keyAccuracyAfter(), r.testAccuracyBefore(), r.testAccuracyAfter(),
                        r.accuracyDropPoints());
                o.printf("wrote %s (sha256 %s) and key %s (commitment %s, theta %d at p=%s)%n", out,
                        model.metadata().parametersSha256(), keyFile, key.commitment(), key.threshold(), p);
            }
            if (!r.complete()) {
                spec.commandLine().getErr().println("frontier: stitching incomplete: key accuracy "
                        + r.keyAccuracyAfter() + " after " + r.epochs() + " epochs (try --max-epochs or --lr)");
                return 1;
            }
            return 0;
        }
    }

    private KeyScheme parseScheme() {
        try {
            return KeyScheme.parse(scheme);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
