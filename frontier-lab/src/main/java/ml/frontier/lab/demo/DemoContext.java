package ml.frontier.lab.demo;

import ml.frontier.core.data.TrainTest;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.lab.report.MarkdownReport;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the demo's steps share: data, the owner's model, the output directory and the report. */
public final class DemoContext implements AutoCloseable {

    final Path out;
    final long seed;
    final boolean quick;
    final TrainTest data;
    final PrintWriter log;
    final Progress progress;
    final MarkdownReport report;
    final List<List<String>> summary = new ArrayList<>();
    NetworkModel model;
    Path modelFile;
    private final List<AutoCloseable> resources = new ArrayList<>();

    DemoContext(Path out, long seed, boolean quick, TrainTest data, PrintWriter log, Progress progress, MarkdownReport report) {
        this.out = out;
        this.seed = seed;
        this.quick = quick;
        this.data = data;
        this.log = log;
        this.progress = progress;
        this.report = report;
    }

    /** Prints a line to the console. */
    void say(String format, Object... args) {
        log.println(String.format(Locale.ROOT, format, args));
        log.flush();
    }

    /** One row of the summary table at the top of the report. */
    void result(String step, String outcome) {
        summary.add(List.of(step, outcome));
    }

    /** Closed when the demo ends. */
    <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        if (model != null) {
            model.close();
        }
    }
}
