package ml.frontier.core.train;

import java.util.List;

/** What a training run did, epoch by epoch. */
public record TrainingReport(List<Epoch> epochs, double seconds) {

    /**
     * One epoch: mean training loss, accuracy on the batches seen, test accuracy (NaN if none),
     * wall seconds (the test included) and where the training thread's CPU time went.
     */
    public record Epoch(int epoch, double loss, double trainAccuracy, double testAccuracy, double seconds,
                        Phases phases) {}

    /**
     * CPU seconds of the training thread per phase over one epoch (NaN when not measured): batch
     * preparation, forward + loss, backward, optimizer step, the rest. With one engine thread
     * all compute runs on the training thread, so these are the phases' full costs.
     */
    public record Phases(double batch, double forward, double backward, double optimizer, double other) {
        public static final Phases NONE = new Phases(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    public TrainingReport {
        epochs = List.copyOf(epochs);
    }

    /** The last epoch's test accuracy, NaN when there was none. */
    public double finalTestAccuracy() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testAccuracy();
    }
}
