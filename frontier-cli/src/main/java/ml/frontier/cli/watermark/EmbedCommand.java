package ml.frontier.cli.watermark;

import ml.frontier.cli.common.DataOption;
import ml.frontier.cli.common.ModelSource;
import ml.frontier.cli.common.SeedOption;
import ml.frontier.cli.common.Terminal;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.watermark.Embedder;
import ml.frontier.watermark.EmbeddingReport;
import ml.frontier.watermark.KeyFile;
import ml.frontier.watermark.KeyGenerator;
import ml.frontier.watermark.WatermarkKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code frontier watermark embed}: makes a key from the model and its training data, stitches
 * it in, writes the marked model and the key. Exit 0 when every key image is stitched, 1 when the
 * epochs ran out first (both files are written either way).
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
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

    @Option(names = "--key-size", defaultValue = "100", description = "k, key images (even; default: ${DEFAULT-VALUE}).")
    int keySize;

    @Option(names = "--eps", defaultValue = "0.1", description = "FGSM epsilon (paper: 0.025, 0.1, 0.25; default: ${DEFAULT-VALUE}).")
    float eps;

    @Option(names = "--p", defaultValue = "0.05", description = "Significance level recorded in the key (default: ${DEFAULT-VALUE}).")
    double p;

    @Option(names = "--max-epochs", defaultValue = "20", description = "At most this many stitching epochs (default: ${DEFAULT-VALUE}).")
    int maxEpochs;

    @Option(names = "--lr", defaultValue = "0.0003", description = "Adam learning rate for stitching (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Marked model file to write.")
    Path out;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "Key file to write (keep it secret).")
    Path keyFile;

    @Override
    public Integer call() throws FrontierException, IOException {
        var o = spec.commandLine().getOut();
        TrainTest tt = data.load();
        try (NetworkModel model = source.loadModel()) {
            long t0 = System.nanoTime();
            WatermarkKey key = new KeyGenerator(KeyGenerator.Config.builder().optKeySize(keySize).optEpsilon(eps)
                    .optP(p).optSeed(seed.seed).build()).generate(new DjlClassifier(model), tt.train());
            o.printf(Locale.ROOT, "key: %d images (%d true, %d false adversaries) at eps %s from %s, seed %d, %.2f s%n",
                    key.size(), key.trueAdversaries(), key.size() - key.trueAdversaries(), eps, tt.train().name(),
                    seed.seed, (System.nanoTime() - t0) / 1e9);
            Embedder.Config ec = Embedder.Config.builder().optLearningRate(lr).optMaxEpochs(maxEpochs).optSeed(seed.seed)
                    .optClip(model.spec().architecture().equals("irnn") ? 1f : 0f).build();
            EmbeddingReport r = new Embedder(ec, Terminal.progress(spec)).embed(model, key, tt);
            ModelFile.save(model, out);
            KeyFile.write(r.key(), keyFile);
            o.printf(Locale.ROOT, "stitched in %d epochs (boost %d, %.1f s): key accuracy %.3f -> %.3f, "
                            + "test accuracy %.4f -> %.4f (drop %.2f points)%n", r.epochs(), r.boost(), r.seconds(),
                    r.keyAccuracyBefore(), r.keyAccuracyAfter(), r.testAccuracyBefore(), r.testAccuracyAfter(),
                    r.accuracyDropPoints());
            o.printf("wrote %s (sha256 %s) and key %s (commitment %s, theta %d at p=%s)%n", out,
                    model.metadata().parametersSha256(), keyFile, r.key().commitment(), r.key().threshold(), p);
            if (!r.complete()) {
                spec.commandLine().getErr().println("frontier: stitching incomplete: key accuracy "
                        + r.keyAccuracyAfter() + " after " + r.epochs() + " epochs (try --max-epochs or --lr)");
                return 1;
            }
            return 0;
        }
    }
}
