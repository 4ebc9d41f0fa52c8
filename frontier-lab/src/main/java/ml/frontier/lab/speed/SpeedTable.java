package ml.frontier.lab.speed;

import ml.frontier.core.train.TrainingReport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The runs of a benchmark as CSV, and their medians per (side, data, model, batch, variant). */
public final class SpeedTable {

    private final List<SpeedRow> rows = new ArrayList<>();

    public void add(SpeedRow row) {
        rows.add(row);
    }

    public List<SpeedRow> rows() {
        return List.copyOf(rows);
    }

    /** All runs as CSV with a header line. */
    public String csv() {
        StringBuilder sb = new StringBuilder(String.join(",", SpeedRow.COLUMNS)).append('\n');
        for (SpeedRow r : rows) {
            sb.append(r.toCsv()).append('\n');
        }
        return sb.toString();
    }

    /** One row per configuration, each value the median over its repeats (repeat = number of runs). */
    public List<SpeedRow> medians() {
        Map<String, List<SpeedRow>> groups = new LinkedHashMap<>();
        for (SpeedRow r : rows) {
            groups.computeIfAbsent(String.join("|", r.side(), r.data(), r.model(), Integer.toString(r.batch()),
                    r.variant(), Integer.toString(r.inferBatch())), k -> new ArrayList<>()).add(r);
        }
        List<SpeedRow> out = new ArrayList<>();
        for (List<SpeedRow> g : groups.values()) {
            SpeedRow f = g.get(0);
            out.add(new SpeedRow(f.side(), f.data(), f.model(), f.batch(), f.variant(), g.size(),
                    median(g, SpeedRow::epochSeconds), median(g, SpeedRow::epochCpuSeconds),
                    median(g, SpeedRow::trainLoss),
                    median(g, SpeedRow::trainAccuracy), f.inferBatch(), median(g, SpeedRow::inferImagesPerSecond),
                    new TrainingReport.Phases(median(g, r -> r.phases().batch()), median(g, r -> r.phases().forward()),
                            median(g, r -> r.phases().backward()), median(g, r -> r.phases().optimizer()),
                            median(g, r -> r.phases().other()))));
        }
        return out;
    }

    /** The medians as CSV ({@code repeat} holds the number of runs). */
    public String mediansCsv() {
        StringBuilder sb = new StringBuilder(String.join(",", SpeedRow.COLUMNS)).append('\n');
        for (SpeedRow r : medians()) {
            sb.append(r.toCsv()).append('\n');
        }
        return sb.toString();
    }

    /** The medians as a Markdown table. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("| data | model | batch | variant | runs | epoch s | epoch CPU s | images/s (infer) "
                + "| batch s | forward s | backward s | optimizer s | other s |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (SpeedRow r : medians()) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    r.data(), r.model(), r.batch(), r.variant(), r.repeat(), fmt(r.epochSeconds()), fmt(r.epochCpuSeconds()),
                    fmt(r.inferImagesPerSecond()), fmt(r.phases().batch()), fmt(r.phases().forward()),
                    fmt(r.phases().backward()), fmt(r.phases().optimizer()), fmt(r.phases().other())));
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static double median(List<SpeedRow> g, ToDoubleFunction<SpeedRow> f) {
        return median(g.stream().mapToDouble(f).toArray());
    }

    /** The median of the non-NaN values (mean of the middle two for an even count); NaN if none. */
    public static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
