package ml.frontier.cli.watermark;

import ml.frontier.cli.common.DataOption;
import ml.frontier.cli.common.JsonOption;
import ml.frontier.cli.common.SeedOption;
import ml.frontier.cli.common.Terminal;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.ModelSpec;
import ml.frontier.core.model.ModelZoo;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.train.ClassifierTrainer;
import ml.frontier.core.train.TrainingConfig;
import ml.frontier.watermark.KeyFile;
import ml.frontier.watermark.ReferenceSet;
import ml.frontier.watermark.WatermarkKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code frontier watermark references}: trains reference models the way the owner trained the
 * original (same architecture, data and recipe, other seeds) and stores their answers on the key,
 * for the conformal rule. With n references the smallest p-value is 1/(n+1): n ≥ 99 for α = 0.01.
 */
@Command(name = "references",
        description = "Train owner-style reference models and store their key answers next to the key (conformal rule).")
public final class ReferencesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The owner's key file.")
    Path keyFile;

    @Option(names = "--like", paramLabel = "MODEL",
            description = "A Frontier model file whose architecture and training recipe the references repeat.")
    Path like;

    @Option(names = "--count", defaultValue = "99", description = "References to train with --like (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--epochs", description = "Training epochs (default: the --like model's, else 3).")
    Integer epochs;

    @Option(names = "--reference", paramLabel = "MODEL", description = "An already trained reference model file (repeatable).")
    List<Path> given = new ArrayList<>();

    @Mixin
    DataOption data;

    @Mixin
    SeedOption seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Reference file to write.")
    Path out;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws FrontierException {
        var o = json.text();
        if (like == null && given.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --like MODEL or --reference MODEL");
        }
        WatermarkKey key = KeyFile.read(keyFile);
        List<NetworkModel> models = new ArrayList<>();
        try {
            String recipe = like == null ? "given models" : train(models, o);
            for (Path p : given) {
                models.add(ModelFile.load(p));
            }
            List<Classifier> clfs = new ArrayList<>();
            for (NetworkModel m : models) {
                clfs.add(new DjlClassifier(m));
            }
            ReferenceSet set = ReferenceSet.measure(key, clfs, recipe + (given.isEmpty() ? "" : " + " + given.size() + " given"));
            set.write(out);
            int[] m = set.mismatches(key);
            o.printf(Locale.ROOT, "%d references, m from %d to %d (k = %d); smallest attainable p = %.4f; wrote %s%n",
                    set.size(), java.util.Arrays.stream(m).min().getAsInt(), java.util.Arrays.stream(m).max().getAsInt(),
                    key.countedSize(), set.minimumPValue(), out);
            json.print(Map.of("references", set.size(), "minMismatches", java.util.Arrays.stream(m).min().getAsInt(),
                    "maxMismatches", java.util.Arrays.stream(m).max().getAsInt(), "k", key.countedSize(),
                    "minimumPValue", set.minimumPValue(), "out", out.toString(), "recipe", recipe));
            return 0;
        } finally {
            models.forEach(NetworkModel::close);
        }
    }

    /** Trains {@code count} models like the {@code --like} one; returns the recipe in words. */
    private String train(List<NetworkModel> into, java.io.PrintWriter o) throws FrontierException {
        ModelSpec ms;
        Map<String, Object> step = Map.of();
        try (NetworkModel template = ModelFile.load(like)) {
            ms = template.spec();
            for (Map<String, Object> s : template.metadata().history()) {
                if ("train".equals(s.get("op"))) {
                    step = s;
                    break;
                }
            }
        }
        int e = epochs != null ? epochs : step.get("epochs") instanceof Number n ? n.intValue() : 3;
        float lr = step.get("lr") instanceof Number n ? n.floatValue() : 1e-3f;
        int batch = step.get("batch") instanceof Number n ? n.intValue() : 64;
        float clip = step.get("clip") instanceof Number n ? n.floatValue() : 0f;
        TrainTest tt = data.load();
        Progress progress = Terminal.progress(spec);
        progress.start("reference models", count);
        for (int i = 0; i < count; i++) {
            long s = seed.seed() + 1 + i;
            NetworkModel m = NetworkModel.create(ModelZoo.standard(), ms, s);
            into.add(m);
            new ClassifierTrainer(TrainingConfig.builder().optEpochs(e).optLearningRate(lr).optBatchSize(batch)
                    .optClip(clip).optSeed(s).build(), Progress.silent()).train(m, tt.train(), null);
            progress.update(i + 1, "seed " + s);
        }
        progress.finish(count + " reference models trained");
        return String.format(Locale.ROOT, "%s on %s, %d epochs, lr %s, batch %d, seeds %d-%d", ms, tt.train().name(), e,
                lr, batch, seed.seed() + 1, seed.seed() + count);
    }
}
