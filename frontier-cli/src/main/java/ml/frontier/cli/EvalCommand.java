package ml.frontier.cli;

import ml.frontier.cli.common.DataMatch;
import ml.frontier.cli.common.DataOption;
import ml.frontier.cli.common.JsonOption;
import ml.frontier.cli.common.ModelSource;
import ml.frontier.cli.common.Terminal;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.CountingClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.train.Evaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code frontier eval}: test accuracy of a model file, an ONNX file or a remote model. */
@Command(name = "eval", description = "Measure test accuracy of a model (file, --onnx or --remote).")
public final class EvalCommand implements Callable<Integer> {

    /** Images per query: small enough that a remote model's progress moves. */
    private static final int BATCH = 250;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelSource source;

    @Mixin
    DataOption data;

    @Mixin
    JsonOption json;

    @Option(names = "--limit", defaultValue = "0", description = "Use only the first N test images (0: all).")
    int limit;

    @Override
    public Integer call() throws Exception {
        Dataset test = data.load().test();
        if (limit > 0) {
            test = test.head(limit);
        }
        DataMatch.warnIfOther(source, test, spec.commandLine().getErr());
        try (CountingClassifier c = new CountingClassifier(source.openClassifier())) {
            c.checkShape(test.images(), "--data " + data.data);
            long t0 = System.nanoTime();
            double acc = Evaluation.accuracy(predict(c, test, Terminal.progress(spec)), test.labels());
            double secs = (System.nanoTime() - t0) / 1e9;
            json.text().printf(Locale.ROOT, "%s: accuracy %.4f on %s (%d images, %d queries, %.2f s)%n",
                    c.describe(), acc, test.name(), test.size(), c.queries(), secs);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("model", c.describe());
            report.put("data", test.name());
            report.put("images", test.size());
            report.put("accuracy", acc);
            report.put("queries", c.queries());
            report.put("seconds", secs);
            json.print(report);
        }
        return 0;
    }

    /** Labels for every test image, batch by batch with progress (a remote model answers slowly). */
    private static int[] predict(Classifier c, Dataset test, Progress progress) throws FrontierException {
        int[] labels = new int[test.size()];
        progress.start("eval", test.size());
        for (int from = 0; from < test.size(); from += BATCH) {
            int to = Math.min(test.size(), from + BATCH);
            System.arraycopy(c.predict(test.images().slice(from, to)), 0, labels, from, to - from);
            progress.update(to, to + " images");
        }
        progress.finish(test.size() + " images labelled");
        return labels;
    }
}
