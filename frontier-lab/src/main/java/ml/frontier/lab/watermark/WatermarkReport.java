package ml.frontier.lab.watermark;

import ml.frontier.lab.report.Csv;
import ml.frontier.core.report.LinePlot;
import ml.frontier.lab.report.MarkdownReport;
import ml.frontier.watermark.stats.BinomialThreshold;
import ml.frontier.watermark.stats.ClopperPearson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the study's report: {@code keys.csv}, {@code checks.csv}, one ROC plot per owner
 * ({@code roc-<owner>.png}: unrelated models against in-budget attacked copies, as the threshold
 * on m moves) and {@code summary.md} / {@code summary.html}.
 */
final class WatermarkReport {

    private static final String[] RULES = {"binomial", "conformal", "paper"};

    private final WatermarkLabResult result;

    WatermarkReport(WatermarkLabResult result) {
        this.result = result;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Csv keys = new Csv("owner", "key", "scheme", "eps", "key_seconds", "test_before", "test_after", "drop_points",
                "key_accuracy", "epochs", "marked_m", "note");
        for (KeyRow k : result.keys()) {
            keys.row(k.owner(), k.key(), k.scheme(), k.eps(), k.keySeconds(), k.testBefore(), k.testAfter(), k.dropPoints(),
                    k.keyAccuracy(), k.epochs(), k.markedM(), k.note());
        }
        keys.write(dir.resolve("keys.csv"));
        Csv checks = new Csv("owner", "key", "subject", "group", "family", "test_acc", "in_budget", "m", "rule", "alpha",
                "p_value", "claimed");
        for (CheckRow c : result.checks()) {
            checks.row(c.owner(), c.key(), c.subject(), c.group(), c.family(), c.testAccuracy(), c.inBudget(), c.m(),
                    c.rule(), c.alpha(), c.pValue(), c.claimed());
        }
        checks.write(dir.resolve("checks.csv"));
        List<String> plots = writeRocs(dir);
        summary(plots).write(dir, "summary");
    }

    private MarkdownReport summary(List<String> plots) {
        WatermarkLabConfig c = result.config();
        MarkdownReport md = new MarkdownReport("Frontier stitching: sound verdicts (" + (c.quick() ? "quick" : "full") + " run)");
        md.paragraph(String.format(Locale.ROOT, "k = %d counted images per key; coin keys decided by the binomial rule at "
                        + "α = %s, paper keys by the paper's rule at p = %s, both by the conformal rule at α = %s where "
                        + "reference models exist. %s. This run: %.0f s.", c.keySize(), c.alpha(), c.paperP(),
                c.conformalAlpha(), result.provenance(), result.seconds()));
        md.heading("False claims on unrelated models");
        md.paragraph("Each check is one unrelated model (never shown the key) against one key. Checks of one model "
                + "against several keys share the model, so they are not fully independent; the bound is the one-sided "
                + "95% Clopper–Pearson upper bound on the per-check false-claim rate.");
        List<List<String>> rows = new ArrayList<>();
        for (String rule : RULES) {
            List<CheckRow> nulls = result.nullChecks(rule);
            if (nulls.isEmpty()) {
                continue;
            }
            Map<String, List<CheckRow>> byFamily = new LinkedHashMap<>();
            nulls.forEach(r -> byFamily.computeIfAbsent(r.family(), x -> new ArrayList<>()).add(r));
            byFamily.put("all", nulls);
            for (var e : byFamily.entrySet()) {
                long claims = e.getValue().stream().filter(CheckRow::claimed).count();
                long models = e.getValue().stream().map(r -> r.owner() + r.subject()).distinct().count();
                int n = e.getValue().size();
                rows.add(List.of(rule, e.getKey(), Long.toString(models), Integer.toString(n), Long.toString(claims),
                        pct((double) claims / n), pct(ClopperPearson.upper((int) claims, n, 0.95)), medianM(e.getValue())));
            }
        }
        md.table(List.of("rule", "null family", "models", "checks", "false claims", "rate", "95% upper bound",
                "median m"), rows);
        md.paragraph(otherLevels());
        md.heading("Keys and stitching");
        List<List<String>> krows = new ArrayList<>();
        for (KeyRow k : result.keys()) {
            krows.add(List.of(k.owner(), k.key(), k.scheme(), f("%.2f", k.keySeconds()), f("%.4f", k.testBefore()),
                    f("%.4f", k.testAfter()), f("%.2f", k.dropPoints()), f("%.3f", k.keyAccuracy()),
                    Integer.toString(k.epochs()), Integer.toString(k.markedM()), k.note()));
        }
        md.table(List.of("owner", "key", "scheme", "keygen s", "test before", "test after", "drop pts", "key acc",
                "epochs", "marked m", "note"), krows);
        md.heading("Removal attacks on the models marked with the main coin key");
        md.paragraph(String.format(Locale.ROOT, "%d copies per attack with different seeds; a copy is in budget when its "
                + "test accuracy is within %s points of the marked model's. Claimed = share of in-budget copies the rule "
                + "claims.", c.copies(), c.budgetPoints()));
        List<List<String>> arows = new ArrayList<>();
        Map<String, List<CheckRow>> byAttack = new LinkedHashMap<>();
        result.checks().stream().filter(r -> r.group().equals("attack"))
                .forEach(r -> byAttack.computeIfAbsent(r.owner() + "|" + r.key() + "|" + r.family() + "|" + r.rule(),
                        x -> new ArrayList<>()).add(r));
        long inBudgetAll = 0, claimedAll = 0;
        for (var e : byAttack.entrySet()) {
            String[] parts = e.getKey().split("\\|");
            List<CheckRow> in = e.getValue().stream().filter(CheckRow::inBudget).toList();
            long claimed = in.stream().filter(CheckRow::claimed).count();
            if (parts[3].equals("binomial") && parts[1].equals("coin-0.1")) {
                inBudgetAll += in.size();
                claimedAll += claimed;
            }
            arows.add(List.of(parts[0], parts[1], parts[2], parts[3], e.getValue().size() + "", in.size() + "",
                    in.isEmpty() ? "" : claimed + "/" + in.size(), ms(e.getValue()), accs(e.getValue())));
        }
        md.table(List.of("owner", "key", "attack", "rule", "copies", "in budget", "claimed", "m per copy",
                "test acc per copy"), arows);
        md.paragraph(String.format(Locale.ROOT, "Main coin key, binomial rule, over all attacks: %d of %d in-budget copies "
                        + "claimed (%s).",
                claimedAll, inBudgetAll, inBudgetAll == 0 ? "n/a" : pct((double) claimedAll / inBudgetAll)));
        for (String p : plots) {
            md.image(p, p);
        }
        return md;
    }

    /** The binomial rule's false claims and detections had the owner chosen another level. */
    private String otherLevels() {
        StringBuilder sb = new StringBuilder("Coin keys at other levels (same m, other θ): ");
        for (double a : new double[] {0.05, 0.01, 0.001, 0.0001}) {
            long nulls = 0, claims = 0, att = 0, det = 0;
            for (CheckRow r : result.checks()) {
                if (!r.rule().equals("binomial")) {
                    continue;
                }
                boolean claim = r.m() < BinomialThreshold.threshold(result.config().keySize(), a);
                if (r.group().equals("null")) {
                    nulls++;
                    claims += claim ? 1 : 0;
                } else if (r.group().equals("attack") && r.inBudget() && r.key().equals("coin-0.1")) {
                    att++;
                    det += claim ? 1 : 0;
                }
            }
            sb.append(String.format(Locale.ROOT, "α = %s (θ = %d): %d/%d null checks claimed, %d/%d in-budget attacked "
                    + "copies (main key) claimed; ", a, BinomialThreshold.threshold(result.config().keySize(), a), claims, nulls, det, att));
        }
        return sb.toString();
    }

    private List<String> writeRocs(Path dir) throws IOException {
        Set<String> owners = new LinkedHashSet<>();
        result.keys().forEach(k -> owners.add(k.owner()));
        List<String> files = new ArrayList<>();
        for (String owner : owners) {
            LinePlot roc = new LinePlot("ROC of m: " + owner, "false-claim rate (unrelated models)",
                    "claim rate (in-budget attacked copies)").yRange(0, 1);
            boolean any = false;
            for (String keyName : new String[] {"coin-0.1", "coin-0.1-noisy"}) {
                List<Integer> nullM = new ArrayList<>(), attM = new ArrayList<>();
                for (CheckRow r : result.checks()) {
                    if (!r.owner().equals(owner) || !r.rule().equals("binomial") || !r.key().equals(keyName)) {
                        continue;
                    }
                    if (r.group().equals("null")) {
                        nullM.add(r.m());
                    } else if (r.group().equals("attack") && r.inBudget()) {
                        attM.add(r.m());
                    }
                }
                if (nullM.isEmpty() || attM.isEmpty()) {
                    continue;
                }
                int k = result.config().keySize();
                double[] x = new double[k + 2], y = new double[k + 2];
                for (int t = 0; t <= k + 1; t++) {
                    final int th = t;
                    x[t] = nullM.stream().filter(m -> m < th).count() / (double) nullM.size();
                    y[t] = attM.stream().filter(m -> m < th).count() / (double) attM.size();
                }
                roc.add(keyName + " key, claim iff m < t", x, y);
                any = true;
            }
            if (any) {
                String name = "roc-" + owner.replaceAll("[^A-Za-z0-9]+", "_") + ".png";
                roc.write(dir.resolve(name));
                files.add(name);
            }
        }
        return files;
    }

    private static String medianM(List<CheckRow> rows) {
        int[] m = rows.stream().mapToInt(CheckRow::m).sorted().toArray();
        return m.length == 0 ? "" : Integer.toString(m[m.length / 2]);
    }

    private static String ms(List<CheckRow> rows) {
        StringBuilder sb = new StringBuilder();
        rows.forEach(r -> sb.append(sb.length() == 0 ? "" : " ").append(r.m()));
        return sb.toString();
    }

    private static String accs(List<CheckRow> rows) {
        StringBuilder sb = new StringBuilder();
        rows.forEach(r -> sb.append(sb.length() == 0 ? "" : " ").append(f("%.3f", r.testAccuracy())));
        return sb.toString();
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    private static String f(String fmt, double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, fmt, v);
    }
}
