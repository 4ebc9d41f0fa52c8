package ml.frontier.gan.report;

import ml.frontier.gan.metrics.MetricCalibration.Row;
import ml.frontier.gan.metrics.MetricCalibration.Summary;

import java.util.List;
import java.util.Locale;

/** Renders a metric calibration as a Markdown table and as CSV. */
public final class CalibrationReport {

    private CalibrationReport() {}

    public static String markdown(String title, String intro, List<Row> rows) {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n").append(intro).append("\n\n");
        sb.append("| images | n | draws | MNIST score mean ± sd [min, max] | Fréchet distance mean ± sd [min, max]"
                + " | classifier agrees with class | within-class diversity |\n|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %.3f | %.2f |%n", r.kind(), r.n(), r.draws(),
                    cell(r.score(), "%.3f"), cell(r.frechet(), "%.2f"), r.agreement().mean(), r.diversity().mean()));
        }
        return sb.toString();
    }

    public static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("kind,n,draws,score_mean,score_sd,frechet_mean,frechet_sd,agreement,diversity\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "\"%s\",%d,%d,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f%n", r.kind(), r.n(), r.draws(),
                    r.score().mean(), r.score().sd(), r.frechet().mean(), r.frechet().sd(), r.agreement().mean(), r.diversity().mean()));
        }
        return sb.toString();
    }

    private static String cell(Summary s, String f) {
        return String.format(Locale.ROOT, f + " ± " + f + " [" + f + ", " + f + "]", s.mean(), s.sd(), s.min(), s.max());
    }
}
