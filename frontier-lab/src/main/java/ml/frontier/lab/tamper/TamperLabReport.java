package ml.frontier.lab.tamper;

import ml.frontier.core.engine.Engines;
import ml.frontier.core.report.LinePlot;
import ml.frontier.lab.report.Csv;
import ml.frontier.lab.report.MarkdownReport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Writes the study's CSV tables, PNG detection curves and Markdown summary. */
final class TamperLabReport {

    private final TamperLabConfig config;

    TamperLabReport(TamperLabConfig config) {
        this.config = config;
    }

    void write(TamperLabResult r) throws IOException {
        List<String> header = new ArrayList<>(List.of("network", "attack", "strategy", "copies", "moved_mean",
                "accuracy_after"));
        for (int q : TamperLabConfig.QUERIES) {
            header.add("p_detect_" + q);
        }
        header.add("queries_for_0.99");
        header.add("queries_for_0.999");
        header.add("worst_copy_p_detect_10");
        header.add("fewest_moved");
        header.add("note");
        Csv det = new Csv(header.toArray(String[]::new));
        for (DetectionRow d : r.detections()) {
            List<Object> row = new ArrayList<>(List.of(d.net(), d.attack(), d.strategy(), d.copies(), d.movedMean(),
                    d.accuracyAfter()));
            for (double p : d.detection()) {
                row.add(d.ran() ? p : Double.NaN);
            }
            row.add(d.queriesFor(0.99));
            row.add(d.queriesFor(0.999));
            row.add(d.worstCopyAt10());
            row.add(d.movedMin());
            row.add(d.note());
            det.row(row.toArray());
        }
        det.write(config.out().resolve("detection.csv"));
        Csv ben = new Csv("network", "redeployment", "strategy", "moved", "markers", "held_out");
        r.benign().forEach(b -> ben.row(b.net(), b.redeployment(), b.strategy(), b.moved(), b.markers(), b.heldOut()));
        ben.write(config.out().resolve("benign.csv"));
        Csv gen = new Csv("network", "strategy", "markers", "seconds", "median_logit_margin", "min_logit_margin",
                "min_margin_over_floor", "screening");
        r.generation().forEach(g -> gen.row(g.net(), g.strategy(), g.markers(), g.seconds(), g.medianMargin(),
                g.minMargin(), g.floorRatioMin(), g.screening()));
        Csv curve = new Csv("network", "attack", "strategy", "queries", "p_detect");
        for (DetectionRow d : r.detections()) {
            if (d.ran()) {
                for (int n = 0; n < d.curve().length; n++) {
                    curve.row(d.net(), d.attack(), d.strategy(), n + 1, d.curve()[n]);
                }
            }
        }
        curve.write(config.out().resolve("detection-curves.csv"));
        gen.write(config.out().resolve("generation.csv"));
        List<String> plots = plots(r);
        summary(r, plots);
    }

    private List<String> plots(TamperLabResult r) throws IOException {
        Set<String> cells = new LinkedHashSet<>();
        r.detections().forEach(d -> cells.add(d.net() + "\u0000" + d.attack()));
        double[] x = new double[TamperLabConfig.QUERIES.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = TamperLabConfig.QUERIES[i];
        }
        List<String> files = new ArrayList<>();
        for (String cell : cells) {
            String[] p = cell.split("\u0000");
            LinePlot plot = new LinePlot(p[0] + ": " + p[1], "queries", "P(detect)").logX().yRange(0, 1);
            boolean any = false;
            for (DetectionRow d : r.detections()) {
                if (d.net().equals(p[0]) && d.attack().equals(p[1]) && d.ran()) {
                    plot.add(d.strategy(), x, d.detection());
                    any = true;
                }
            }
            if (any) {
                String name = "detect-" + p[0].replaceAll("[^A-Za-z0-9]+", "_") + "-" + p[1] + ".png";
                plot.write(config.out().resolve(name));
                files.add(name);
            }
        }
        return files;
    }

    private void summary(TamperLabResult r, List<String> plots) throws IOException {
        MarkdownReport md = new MarkdownReport("TamperNN: tamper detection with markers");
        md.paragraph(String.format(Locale.ROOT, "%s run, seed %d, %d markers per set, up to %d attacked copies per "
                        + "cell, %.0f s. %s. Detection probability = 1 - C(M-f, n)/C(M, n) for f moved markers of M, "
                        + "averaged over attacked copies (i.e. over random query orders and copies).",
                config.quick() ? "Quick" : "Full", config.seed(), config.markers(), config.copies(), r.seconds(),
                Engines.versions()));
        md.heading("P(detect) within 10 queries");
        List<String> h = new ArrayList<>(List.of("network", "attack", "acc. after"));
        h.addAll(config.strategies());
        List<List<String>> rows = new ArrayList<>();
        Set<String> cells = new LinkedHashSet<>();
        r.detections().forEach(d -> cells.add(d.net() + "\u0000" + d.attack()));
        for (String cell : cells) {
            String[] p = cell.split("\u0000");
            List<String> row = new ArrayList<>(List.of(p[0], p[1]));
            String acc = "";
            List<String> vals = new ArrayList<>();
            for (String s : config.strategies()) {
                DetectionRow d = r.detections().stream().filter(x -> x.net().equals(p[0]) && x.attack().equals(p[1])
                        && x.strategy().equals(s)).findFirst().orElse(null);
                if (d == null || !d.ran()) {
                    vals.add("not run");
                } else {
                    acc = String.format(Locale.ROOT, "%.3f", d.accuracyAfter());
                    vals.add(String.format(Locale.ROOT, "%.3f (worst copy %.3f; 99%%: %s, 99.9%%: %s q)", d.at(10),
                            d.worstCopyAt10(), queries(d.queriesFor(0.99)), queries(d.queriesFor(0.999))));
                }
            }
            row.add(acc);
            row.addAll(vals);
            rows.add(row);
        }
        md.table(h, rows);
        md.heading("Per strategy over every cell that ran");
        List<List<String>> per = new ArrayList<>();
        for (String s : config.strategies()) {
            long[] bf = r.unpromisedMoved(s);
            per.add(List.of(s, fmt(r.worstDetection(s, 10)), fmt(r.meanDetection(s, 10)), fmt(r.worstDetection(s, 100)),
                    queries(r.worstQueriesFor(s, 0.99)), queries(r.worstQueriesFor(s, 0.999)),
                    r.falseAlarms(s) + " / " + r.benignChecks(s),
                    r.benignMarkersMoved(s) + " / " + r.benignMarkerChecks(s), bf[0] + " / " + bf[1]));
        }
        md.table(List.of("strategy", "worst P@10", "mean P@10", "worst P@100", "queries for 99% (worst cell)",
                "for 99.9%", "false alarms / held-out set checks", "markers moved / marker checks",
                "BF16 (not promised): moved / checked"), per);
        md.heading("Marker generation (100 markers, including screening)");
        List<List<String>> gen = new ArrayList<>();
        r.generation().forEach(g -> gen.add(List.of(g.net(), g.strategy(), Integer.toString(g.markers()),
                String.format(Locale.ROOT, "%.1f", g.seconds()), String.format(Locale.ROOT, "%.4f", g.medianMargin()),
                String.format(Locale.ROOT, "%.4f", g.minMargin()), String.format(Locale.ROOT, "%.2f", g.floorRatioMin()))));
        md.table(List.of("network", "strategy", "markers", "seconds", "median logit margin", "least margin",
                "least margin / floor"), gen);
        if (!r.generation().isEmpty()) {
            md.paragraph("Screening of the first set: " + r.generation().get(0).screening() + ".");
        }
        List<String> notRun = r.detections().stream().filter(d -> !d.ran()).map(d -> d.net() + " " + d.attack()
                + ": " + d.note()).distinct().toList();
        if (!notRun.isEmpty()) {
            md.heading("Cells not run");
            md.paragraph(String.join("; ", notRun));
        }
        md.paragraph("Deterministic attacks (quantization, pruning without retraining) give the same copy for every "
                + "seed, so they are run once. Screening (during generation): batch sizes 1-1024 and a copy, FP16 and "
                + "TF32 storage rounding, ONNX Runtime (mlp, cnn), fresh JVMs with 1 and 2 threads x every CPU "
                + "instruction set, at batch 1 and 256; margin floor 2 x 6 sigma of FP16/TF32 rounding. Held-out "
                + "re-deployments (above, never used for screening): two fresh copies x batch sizes 4, 7, 48, 100, "
                + "333, 1000; ONNX Runtime and the fresh JVMs at batch 7 and 333. BF16 storage rounding (8x coarser "
                + "than the floor assumes) is reported apart. HTTP serving is checked by the demo.");
        md.heading("Curves");
        for (String p : plots) {
            md.image(p, p);
        }
        md.write(config.out(), "summary");
    }

    private static String queries(int q) {
        return q < 0 ? ">100" : Integer.toString(q);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
