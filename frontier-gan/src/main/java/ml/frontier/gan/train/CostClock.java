package ml.frontier.gan.train;

/**
 * Adds up what a distributed iteration would cost if the workers ran in parallel: the server's
 * compute, the slowest worker's compute per iteration (in one process the workers run one
 * after another, so their times are measured separately and only the maximum is kept), and the
 * generated samples the training consumed.
 */
public final class CostClock {

    private long serverNanos;
    private long parallelWorkerNanos;
    private long generatedSamples;

    public void server(long nanos) {
        serverNanos += nanos;
    }

    /** One iteration's worker times, one entry per worker: the slowest one counts. */
    public void workers(long[] nanos) {
        long max = 0;
        for (long n : nanos) {
            max = Math.max(max, n);
        }
        parallelWorkerNanos += max;
    }

    public void generated(long samples) {
        generatedSamples += samples;
    }

    public Cost snapshot() {
        return new Cost(generatedSamples, serverNanos, parallelWorkerNanos);
    }

    /**
     * Totals so far.
     *
     * @param generatedSamples samples drawn from a generator for training (not for scoring)
     * @param serverNanos server compute (MD-GAN: generating and backpropagating; FL-GAN: averaging)
     * @param parallelWorkerNanos Σ over iterations of the slowest worker's compute
     */
    public record Cost(long generatedSamples, long serverNanos, long parallelWorkerNanos) {

        /** Modelled parallel seconds: compute plus {@code serverLinkBytes} and {@code peerBytes} at {@code bytesPerSecond}. */
        public double modelledSeconds(long serverLinkBytes, long peerBytesPerWorker, double bytesPerSecond) {
            return (serverNanos + parallelWorkerNanos) / 1e9 + (serverLinkBytes + peerBytesPerWorker) / bytesPerSecond;
        }
    }
}
