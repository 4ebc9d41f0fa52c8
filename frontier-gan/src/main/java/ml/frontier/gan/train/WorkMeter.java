package ml.frontier.gan.train;

/**
 * Compute spent by one role: wall time and the samples that went through forward and backward
 * passes of D and G (one sample through a net counts as one pass).
 */
public final class WorkMeter {

    private long nanos;
    private long dForward;
    private long dBackward;
    private long gForward;
    private long gBackward;

    public void time(long elapsedNanos) {
        nanos += elapsedNanos;
    }

    public void discriminator(long forward, long backward) {
        dForward += forward;
        dBackward += backward;
    }

    public void generator(long forward, long backward) {
        gForward += forward;
        gBackward += backward;
    }

    public Snapshot snapshot() {
        return new Snapshot(nanos, dForward, dBackward, gForward, gBackward);
    }

    /** Totals so far. */
    public record Snapshot(long nanos, long dForward, long dBackward, long gForward, long gBackward) {

        /** Per iteration, over {@code iterations}: {ms, D fwd, D bwd, G fwd, G bwd}. */
        public double[] perIteration(long iterations) {
            double it = Math.max(1, iterations);
            return new double[] {nanos / 1e6 / it, dForward / it, dBackward / it, gForward / it, gBackward / it};
        }
    }
}
