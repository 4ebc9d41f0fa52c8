package ml.frontier.gan;

import ml.frontier.gan.metrics.GanScores;
import ml.frontier.gan.transport.Traffic;

import java.nio.file.Path;
import java.util.List;

/**
 * What a GAN run produced.
 *
 * @param curve the evaluations, in order (the last one holds the final scores)
 * @param lastGrid the PNG of the last sample grid (null when no output directory was given)
 * @param traffic all bytes counted between roles
 * @param serverToWorkerBytesPerIteration payload bytes server → workers per iteration (all workers)
 * @param workerToServerBytesPerIteration payload bytes workers → server per iteration
 * @param workerToWorkerBytes payload bytes exchanged at swaps, in total
 * @param workerMsPerIteration one worker's compute time per iteration
 * @param workerPassesPerIteration one worker's samples through {D fwd, D bwd, G fwd, G bwd} per iteration
 * @param generatorParameters |w|
 * @param discriminatorParameters |θ|
 * @param finalScores the last evaluation's scores, with class agreement and within-class diversity
 */
public record GanResult(GanMode mode, String description, long iterations, double seconds, List<GanEvaluation> curve,
                        Path lastGrid, Traffic traffic, double serverToWorkerBytesPerIteration,
                        double workerToServerBytesPerIteration, long workerToWorkerBytes,
                        double workerMsPerIteration, double[] workerPassesPerIteration,
                        long generatorParameters, long discriminatorParameters, GanScores finalScores) {

    public GanResult {
        curve = List.copyOf(curve);
    }

    public double finalScore() {
        return curve.isEmpty() ? Double.NaN : curve.get(curve.size() - 1).score();
    }

    public double finalFrechet() {
        return curve.isEmpty() ? Double.NaN : curve.get(curve.size() - 1).frechet();
    }

    /** The best (highest) MNIST score seen. */
    public double bestScore() {
        return curve.stream().mapToDouble(GanEvaluation::score).max().orElse(Double.NaN);
    }

    /** Total payload bytes per iteration, all directions (swaps amortised). */
    public double bytesPerIteration() {
        return serverToWorkerBytesPerIteration + workerToServerBytesPerIteration
                + (iterations == 0 ? 0 : (double) workerToWorkerBytes / iterations);
    }
}
