package ml.frontier.lab.speed;

import ml.frontier.core.train.TrainingReport;

import java.util.List;
import java.util.Locale;

/**
 * One timed run: one training epoch of one model at one batch size, then inference throughput
 * on the test images. The CSV columns are shared with {@code bench/train/torch_bench.py}.
 *
 * @param side "djl" or "pytorch"
 * @param variant which training loop: "core" (ClassifierTrainer) or a lab variant
 * @param epochSeconds wall time of one full training epoch
 * @param epochCpuSeconds CPU time the process used during that epoch (all threads): less
 *     sensitive than wall time to other processes on a loaded machine
 * @param inferImagesPerSecond test images classified per second at {@code inferBatch}
 * @param phases CPU seconds of the training thread per phase over the epoch (NaN when not
 *     measured): batch preparation, forward + loss, backward, optimizer step, the rest
 */
public record SpeedRow(String side, String data, String model, int batch, String variant, int repeat,
                       double epochSeconds, double epochCpuSeconds, double trainLoss, double trainAccuracy, int inferBatch,
                       double inferImagesPerSecond, TrainingReport.Phases phases) {

    public static final List<String> COLUMNS = List.of("side", "data", "model", "batch", "variant", "repeat",
            "epoch_s", "epoch_cpu_s", "train_loss", "train_acc", "infer_batch", "infer_ips",
            "t_batch", "t_forward", "t_backward", "t_optim", "t_other");

    public SpeedRow {
        for (String s : List.of(side, data, model, variant)) {
            if (s.isBlank() || s.contains(",") || s.contains("\n")) {
                throw new IllegalArgumentException("CSV field must be non-blank without commas: '" + s + "'");
            }
        }
        if (batch <= 0 || inferBatch <= 0) {
            throw new IllegalArgumentException("batch sizes must be positive, got " + batch + " and " + inferBatch);
        }
    }

    /** The row as one CSV line (no newline), numbers in the ROOT locale. */
    public String toCsv() {
        return String.join(",", side, data, model, Integer.toString(batch), variant, Integer.toString(repeat),
                num(epochSeconds), num(epochCpuSeconds), num(trainLoss), num(trainAccuracy), Integer.toString(inferBatch),
                num(inferImagesPerSecond), num(phases.batch()), num(phases.forward()), num(phases.backward()),
                num(phases.optimizer()), num(phases.other()));
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
