package ml.frontier.lab.demo;

import ml.frontier.core.data.DatasetLoader;
import ml.frontier.core.engine.Engines;
import ml.frontier.core.model.FrontierVersion;
import ml.frontier.core.progress.Progress;
import ml.frontier.lab.report.HtmlPage;
import ml.frontier.lab.report.MarkdownReport;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The main job: runs Frontier end to end on the embedded MNIST in a few minutes and writes a
 * report ({@code report.md}, {@code report.html} and PNGs) of what it did.
 */
public final class Demo {

    private final List<DemoStep> steps;

    public Demo(List<DemoStep> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The standard sequence: train, export; each capability adds its step. */
    public static Demo standard() {
        List<DemoStep> s = new ArrayList<>();
        s.add(new TrainStep());
        s.add(new OnnxStep());
        s.add(new ServeStep());
        s.add(new WatermarkStep());
        s.add(new TamperStep());
        s.add(new MdGanStep());
        return new Demo(s);
    }

    /** Runs every step; returns the path of the Markdown report. */
    public Path run(Path out, long seed, boolean quick, PrintWriter log, Progress progress) throws Exception {
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        MarkdownReport report = new MarkdownReport("Frontier demo");
        MarkdownReport body = new MarkdownReport("body");
        try (DemoContext ctx = new DemoContext(out, seed, quick, DatasetLoader.embeddedMnist(), log, progress, body)) {
            for (int i = 0; i < steps.size(); i++) {
                DemoStep step = steps.get(i);
                ctx.say("[%d/%d] %s", i + 1, steps.size(), step.title());
                long s0 = System.nanoTime();
                step.run(ctx);
                ctx.say("      done in %.1f s", (System.nanoTime() - s0) / 1e9);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            report.paragraph(String.format(Locale.ROOT, "Frontier %s, %s, seed %d, data: %s (embedded, 8,000 train / "
                            + "2,000 test), %s mode, %.0f s in all.", FrontierVersion.VERSION, Engines.versions(), seed,
                    ctx.data.train().name().replace("/train", ""), quick ? "quick" : "full", secs));
            report.table(List.of("step", "outcome"), ctx.summary);
            String md = report.markdown() + body.markdown().substring(body.markdown().indexOf('\n') + 2);
            ml.frontier.core.io.AtomicFiles.writeString(out.resolve("report.md"), md);
            HtmlPage.write(out, "report", "Frontier demo", md);
            ctx.say("report: %s (and report.html), %.0f s in all", out.resolve("report.md"), secs);
        }
        return out.resolve("report.md");
    }
}
