package ml.frontier.cli.tamper;

import ml.frontier.cli.common.DataOption;
import ml.frontier.cli.common.JsonOption;
import ml.frontier.cli.common.ModelSource;
import ml.frontier.cli.common.SeedOption;
import ml.frontier.cli.common.Terminal;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.tamper.MarkerFile;
import ml.frontier.tamper.MarkerGenerator;
import ml.frontier.tamper.MarkerSelection;
import ml.frontier.tamper.benign.BenignSuite;
import ml.frontier.tamper.MarkerSet;
import ml.frontier.tamper.MarkerStrategy;
import ml.frontier.tamper.strategy.MarkerStrategies;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code frontier tamper markers}: makes markers for a model and writes them to a marker file. */
@Command(name = "markers",
        description = "Make markers for a model (kept only if stable under benign re-deployments) and write a marker file.")
public final class TamperMarkersCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelSource source;

    @Mixin
    DataOption data;

    @Mixin
    SeedOption seed;

    @Option(names = "--strategy",
            description = "portfolio, random, boundary, sensitive, entropy or bisection (label-only; works with "
                    + "--remote/--onnx) (default: portfolio for a model file, bisection for a label-only model).")
    String strategy;

    @Option(names = "--count", defaultValue = "100", description = "Number of markers (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--diverse", defaultValue = "1",
            description = "Make this many times more markers and keep a diverse subset (model files only, not with "
                    + "the portfolio, which selects by coverage; default: ${DEFAULT-VALUE}).")
    int diverse;

    @Option(names = "--no-fresh-processes",
            description = "Skip the checks in fresh JVMs (1 and 2 threads, each CPU instruction set): faster, but a "
                    + "marker may then move when the model is served elsewhere.")
    boolean noFreshProcesses;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The marker file to write.")
    Path out;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        boolean whiteBox = source.isWhiteBox();
        MarkerStrategy s = MarkerStrategies.byName(strategy != null ? strategy : whiteBox ? "portfolio" : "bisection");
        ImageBatch pool = data.load().test().images();
        long t0 = System.nanoTime();
        MarkerSet markers;
        if (whiteBox) {
            MarkerSelection selection = diverse > 1 ? MarkerSelection.diverse(diverse) : MarkerStrategies.selectionFor(s.name());
            BenignSuite suite = noFreshProcesses ? BenignSuite.inProcessOnly() : BenignSuite.full();
            try (TrainableModel model = source.loadTrainable()) {
                markers = new MarkerGenerator(s, Terminal.progress(spec)).withSelection(selection).withSuite(suite)
                        .generate(model, pool, count, seed.seed());
            }
        } else {
            if (MarkerStrategies.needsWhiteBox(s.name())) {
                throw new FrontierException("strategy '" + s.name() + "' needs a white-box model (a Frontier or "
                        + "TorchScript file); with --remote or an ONNX model use 'bisection' or 'random'");
            }
            try (Classifier model = source.openClassifier()) {
                markers = new MarkerGenerator(s, Terminal.progress(spec)).generate(model, pool, count, seed.seed())
                        .withPreprocessing(source.preprocessing());
            }
        }
        MarkerFile.write(markers, out);
        double secs = (System.nanoTime() - t0) / 1e9;
        json.text().printf(Locale.ROOT, "wrote %d %s markers for %s to %s (seed %d, %.1f s)%n",
                markers.size(), s.name(), source.describe(), out, seed.seed(), secs);
        json.text().println("screening: " + markers.acceptance().summary());
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("markers", markers.size());
        m.put("strategy", s.name());
        m.put("model", source.describe());
        m.put("out", out.toString());
        m.put("seed", seed.seed());
        m.put("seconds", secs);
        m.put("screening", markers.acceptance().asMap());
        json.print(m);
        return 0;
    }
}
