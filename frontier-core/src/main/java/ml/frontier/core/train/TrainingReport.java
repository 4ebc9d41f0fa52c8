package ml.frontier.core.train;

import java.util.List;

/** What a training run did, epoch by epoch. */
public record TrainingReport(List<Epoch> epochs, double seconds) {

    /** One epoch: mean training loss, accuracy on the batches seen, test accuracy (NaN if none). */
    public record Epoch(int epoch, double loss, double trainAccuracy, double testAccuracy, double seconds) {}

    public TrainingReport {
        epochs = List.copyOf(epochs);
    }

    /** The last epoch's test accuracy, NaN when there was none. */
    public double finalTestAccuracy() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testAccuracy();
    }
}
