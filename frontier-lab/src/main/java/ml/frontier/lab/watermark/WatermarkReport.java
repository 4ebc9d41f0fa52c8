package ml.frontier.lab.watermark;

import ml.frontier.core.model.Engines;
import ml.frontier.lab.report.Csv;
import ml.frontier.lab.report.LinePlot;
import ml.frontier.lab.report.MarkdownReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes the study's report: {@code embedding.csv}, {@code verifications.csv}, one
 * {@code prune-<net>.png} per network (mismatches and test accuracy against the pruning rate)
 * and {@code summary.md} / {@code summary.html}.
 */
final class WatermarkReport {

    private final WatermarkLabResult result;

    WatermarkReport(WatermarkLabResult result) {
        this.result = result;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Csv embeds = new Csv("net", "eps", "keygen_seconds", "test_acc_before", "test_acc_after", "drop_points",
                "key_acc", "epochs", "marked_m", "null_m", "nulls_claimed_binomial", "nulls_claimed_empirical", "note");
        for (EmbedRow e : result.embeds()) {
            embeds.row(e.net(), e.eps(), e.keygenSeconds(), e.baseAccuracy(), e.markedAccuracy(), e.dropPoints(),
                    e.keyAccuracy(), e.epochs(), e.markedMismatches(), joined(e.nullMismatches()),
                    e.nullsClaimedBinomial(), e.nullsClaimedEmpirical(), e.note());
        }
        embeds.write(dir.resolve("embedding.csv"));
        Csv rows = new Csv("net", "eps", "subject", "group", "test_acc", "m", "theta", "binomial_claim", "theta_emp",
                "empirical_claim", "note");
        for (LabRow r : result.rows()) {
            rows.row(r.net(), r.eps(), r.subject(), r.group(), r.testAccuracy(), r.mismatches(), r.threshold(),
                    r.binomialClaim(), r.empiricalThreshold(), r.empiricalClaim(), r.note());
        }
        rows.write(dir.resolve("verifications.csv"));
        List<String> plots = writePlots(dir);
        summary(plots).write(dir, "summary");
    }

    private List<String> writePlots(Path dir) throws IOException {
        Set<String> nets = new LinkedHashSet<>();
        result.embeds().forEach(e -> nets.add(e.net()));
        List<String> files = new ArrayList<>();
        for (String net : nets) {
            LinePlot m = new LinePlot("Mismatches m after pruning: " + net, "pruning rate", "m (claimed iff m < theta)");
            LinePlot acc = new LinePlot("Test accuracy after pruning: " + net, "pruning rate", "test accuracy").yRange(0, 1);
            int theta = -1;
            for (float eps : result.config().epsilons()) {
                List<double[]> pts = new ArrayList<>();
                for (LabRow r : result.rows()) {
                    if (r.net().equals(net) && r.eps() == eps && r.mismatches() >= 0
                            && (r.group().equals("marked") || r.subject().startsWith("prune-"))) {
                        double rate = r.group().equals("marked") ? 0 : Double.parseDouble(r.subject().substring(6));
                        pts.add(new double[] {rate, r.mismatches(), r.testAccuracy()});
                        theta = r.threshold();
                    }
                }
                if (pts.isEmpty()) {
                    continue;
                }
                pts.sort((a, b) -> Double.compare(a[0], b[0]));
                double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
                m.add("eps " + eps, x, pts.stream().mapToDouble(p -> p[1]).toArray());
                acc.add("eps " + eps, x, pts.stream().mapToDouble(p -> p[2]).toArray());
            }
            if (theta < 0) {
                continue;
            }
            m.add("theta = " + theta, new double[] {0, 0.85}, new double[] {theta, theta});
            String name = "prune-" + net.replaceAll("[^A-Za-z0-9]+", "_") + ".png";
            String accName = "prune-acc-" + net.replaceAll("[^A-Za-z0-9]+", "_") + ".png";
            m.write(dir.resolve(name));
            acc.write(dir.resolve(accName));
            files.add(name);
            files.add(accName);
        }
        return files;
    }

    private MarkdownReport summary(List<String> plots) {
        WatermarkLabConfig c = result.config();
        MarkdownReport md = new MarkdownReport("Frontier stitching on MNIST (" + (c.quick() ? "quick" : "full") + " run)");
        md.paragraph(String.format(Locale.ROOT, "Le Merrer, Pérez, Trédan (2019). k = %d, p = %s, seed %d, %d null "
                        + "models per network (same architecture and data, other seeds), embedded MNIST (owner: first "
                        + "2/3 of the 8,000 training images; attacker: last 1/3; 2,000 test images). %s. %.0f s.",
                c.keySize(), c.p(), c.seed(), c.nulls(), Engines.versions(), result.seconds()));
        StringBuilder nets = new StringBuilder("Networks: ");
        c.nets().forEach(n -> nets.append(n.label()).append(" (").append(n.epochs()).append(" epochs) "));
        if (c.quick()) {
            nets.append("— quick mode: smaller networks; the IRNN reads 28 rows of 28 pixels (steps=28), not 784 pixels.");
        }
        md.paragraph(nets.toString());
        md.heading("Embedding");
        List<List<String>> rows = new ArrayList<>();
        for (EmbedRow e : result.embeds()) {
            rows.add(List.of(e.net(), str(e.eps()), f("%.3f", e.keygenSeconds()), f("%.4f", e.baseAccuracy()),
                    f("%.4f", e.markedAccuracy()), f("%.2f", e.dropPoints()), f("%.2f", e.keyAccuracy()),
                    Integer.toString(e.epochs()), Integer.toString(e.markedMismatches()), joined(e.nullMismatches()),
                    e.nullsClaimedBinomial() + "/" + e.nullMismatches().size(),
                    e.nullsClaimedEmpirical() + "/" + e.nullMismatches().size(), e.note()));
        }
        md.table(List.of("net", "eps", "keygen s", "test before", "test after", "drop pts", "key acc", "epochs",
                "marked m", "null m", "nulls claimed (binomial)", "nulls claimed (empirical, LOO)", "note"), rows);
        md.paragraph(String.format(Locale.ROOT, "False positives over all keys: %d of %d null-model checks claimed by "
                        + "the binomial test (m < theta); %d of %d by the empirical threshold theta_emp = smallest m "
                        + "among the other null models (leave-one-out).", result.nullsClaimedBinomial(),
                result.nullChecks(), result.nullsClaimedEmpirical(), result.nullChecks()));
        md.heading("Removal attacks on the marked model");
        List<List<String>> att = new ArrayList<>();
        for (LabRow r : result.rows()) {
            if (r.group().equals("attack") || r.group().equals("marked")) {
                att.add(List.of(r.net(), str(r.eps()), r.subject(), f("%.4f", r.testAccuracy()),
                        Integer.toString(r.mismatches()), Integer.toString(r.threshold()), yes(r.binomialClaim()),
                        Integer.toString(r.empiricalThreshold()), yes(r.empiricalClaim()), r.note()));
            }
        }
        md.table(List.of("net", "eps", "model", "test acc", "m", "theta", "claimed (binomial)", "theta_emp",
                "claimed (empirical)", "note"), att);
        for (String p : plots) {
            md.image(p, p);
        }
        return md;
    }

    private static String joined(List<Integer> v) {
        StringBuilder sb = new StringBuilder();
        v.forEach(i -> sb.append(sb.length() == 0 ? "" : " ").append(i));
        return sb.toString();
    }

    private static String f(String fmt, double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, fmt, v);
    }

    private static String str(float v) {
        return Float.toString(v);
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }
}
