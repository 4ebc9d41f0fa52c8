package ml.frontier.cli;

import ml.frontier.cli.common.DataOption;
import ml.frontier.cli.common.ModelSource;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.CountingClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.train.Evaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code frontier eval}: test accuracy of a model file, an ONNX file or a remote model. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure test accuracy of a model (file, --onnx or --remote).")
public final class EvalCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelSource source;

    @Mixin
    DataOption data;

    @Option(names = "--limit", defaultValue = "0", description = "Use only the first N test images (0: all).")
    int limit;

    @Override
    public Integer call() throws Exception {
        Dataset test = data.load().test();
        if (limit > 0) {
            test = test.head(limit);
        }
        try (CountingClassifier c = new CountingClassifier(source.openClassifier())) {
            c.checkShape(test.images(), "--data " + data.data);
            long t0 = System.nanoTime();
            double acc = Evaluation.accuracy((Classifier) c, test);
            double secs = (System.nanoTime() - t0) / 1e9;
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: accuracy %.4f on %s (%d images, %d queries, %.2f s)%n",
                    c.describe(), acc, test.name(), test.size(), c.queries(), secs);
        }
        return 0;
    }
}
