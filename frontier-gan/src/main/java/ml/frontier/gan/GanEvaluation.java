package ml.frontier.gan;

/**
 * One row of a learning curve, with the budget spent to reach it on four axes.
 *
 * @param score MNIST score (Inception Score with our classifier)
 * @param frechet Fréchet distance to the test images
 * @param seconds wall time since the start of training
 * @param generatedSamples samples drawn from generators for training so far
 * @param bytes payload bytes on the wire so far, all directions
 * @param modelledSeconds modelled parallel time so far: server compute + slowest worker per
 *        iteration + bytes through the server's link and one worker's peer link at the bandwidth
 */
public record GanEvaluation(long iteration, double score, double frechet, double seconds, long generatedSamples,
                            long bytes, double modelledSeconds) {

    /** The budget on the axis {@code axis}: iterations, generated samples, bytes or modelled seconds. */
    public double budget(Axis axis) {
        return switch (axis) {
            case ITERATIONS -> iteration;
            case GENERATED_SAMPLES -> generatedSamples;
            case BYTES -> bytes;
            case MODELLED_SECONDS -> modelledSeconds;
        };
    }

    /** The four budgets a comparison can be matched on. */
    public enum Axis {
        ITERATIONS, GENERATED_SAMPLES, BYTES, MODELLED_SECONDS
    }
}
