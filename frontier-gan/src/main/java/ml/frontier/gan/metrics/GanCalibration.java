package ml.frontier.gan.metrics;

import ml.frontier.core.FrontierException;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.progress.Progress;
import ml.frontier.gan.report.CalibrationReport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The calibration of the GAN scores at 500 and 2,000 samples, as the lab scores them: the
 * reference is the first n test images; real images are drawn from the rest of the test set
 * when it holds n more, and from the training set in every case.
 *
 * @param rows the calibration rows, per n
 */
public record GanCalibration(String data, double accuracy, List<MetricCalibration.Row> rows) {

    public static final int[] SIZES = {500, 2000};

    public GanCalibration {
        rows = List.copyOf(rows);
    }

    public static GanCalibration run(String name, TrainTest data, Path scorerCache, int draws, long seed, Progress progress)
            throws FrontierException {
        if (draws < 2) {
            throw new IllegalArgumentException("draws must be at least 2 (the spread is what is measured), got " + draws);
        }
        List<MetricCalibration.Row> rows = new ArrayList<>();
        double accuracy = Double.NaN;
        for (int n : SIZES) {
            Dataset test = data.test();
            if (test.size() < n) {
                continue;
            }
            try (GanScorer scorer = GanScorer.trainOrLoad(data.train(), test, test.head(n), scorerCache, 1, progress)) {
                accuracy = scorer.accuracy();
                Dataset rest = test.slice(n, test.size());
                if (rest.size() >= n) {
                    rows.add(MetricCalibration.real("real (other test images)", scorer, rest, n, draws, seed));
                }
                rows.add(MetricCalibration.real("real (training images)", scorer, data.train(), n, draws, seed));
                rows.add(MetricCalibration.collapsed(scorer, rest.size() >= 10 * test.numClasses() ? rest : data.train(), n, draws, seed));
                rows.add(MetricCalibration.noise(scorer, test, n, draws, seed));
            }
        }
        return new GanCalibration(name, accuracy, rows);
    }

    public String markdown() {
        return CalibrationReport.markdown("GAN metric calibration (" + data + ")", String.format(Locale.ROOT,
                "Reference: the first n test images; scoring classifier test accuracy %.4f. Each row: random draws of n images"
                        + " (mean ± sd over draws: the sd is the metric's own noise). Real images bound what a generator can reach;"
                        + " the repeated images show that a mode-collapsed conditional generator can score high on the MNIST score"
                        + " while its diversity is 0.", accuracy), rows);
    }

    public String csv() {
        return CalibrationReport.csv(rows);
    }
}
