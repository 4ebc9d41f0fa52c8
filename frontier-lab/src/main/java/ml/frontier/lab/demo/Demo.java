package ml.frontier.lab.demo;

import ml.frontier.core.data.DatasetLoader;
import ml.frontier.core.model.Engines;
import ml.frontier.core.model.FrontierVersion;
import ml.frontier.core.progress.Progress;
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
            writeHtml(out, md);
            ctx.say("report: %s (and report.html), %.0f s in all", out.resolve("report.md"), secs);
        }
        return out.resolve("report.md");
    }

    /** The HTML twin of the Markdown report, rebuilt from its lines. */
    private static void writeHtml(Path out, String md) throws java.io.IOException {
        StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Frontier demo</title>"
                + "<style>body{font-family:sans-serif;max-width:960px;margin:2em auto}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:4px 8px}</style></head><body>\n");
        boolean inTable = false;
        for (String line : md.split("\n")) {
            String e = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            if (line.startsWith("|")) {
                if (line.startsWith("| ---") || line.matches("\\|( --- \\|)+")) {
                    continue;
                }
                if (!inTable) {
                    h.append("<table>\n");
                    inTable = true;
                }
                h.append("<tr>");
                for (String c : line.substring(1, line.length() - 1).split("\\|")) {
                    h.append("<td>").append(c.trim().replace("&", "&amp;").replace("<", "&lt;")).append("</td>");
                }
                h.append("</tr>\n");
                continue;
            }
            if (inTable) {
                h.append("</table>\n");
                inTable = false;
            }
            if (line.startsWith("## ")) {
                h.append("<h2>").append(e.substring(3)).append("</h2>\n");
            } else if (line.startsWith("# ")) {
                h.append("<h1>").append(e.substring(2)).append("</h1>\n");
            } else if (line.startsWith("![")) {
                String src = line.substring(line.indexOf("](") + 2, line.length() - 1);
                h.append("<p><img src=\"").append(src).append("\"></p>\n");
            } else if (!line.isBlank() && !line.startsWith("```")) {
                h.append("<p>").append(e).append("</p>\n");
            }
        }
        if (inTable) {
            h.append("</table>\n");
        }
        ml.frontier.core.io.AtomicFiles.writeString(out.resolve("report.html"), h.append("</body></html>\n").toString());
    }
}
