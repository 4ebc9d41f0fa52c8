package ml.frontier.gan.mdgan;

import ml.frontier.gan.nets.GanArchitecture;
import ml.frontier.gan.train.GanHyper;

/**
 * What the MD-GAN server needs and nothing more: no data (it stays on the workers), so that the
 * in-process run ({@code GanSetup#mdGan()}) and the networked server build the same server.
 *
 * @param workers N
 * @param batch b
 * @param k generated batches per iteration, 1 ≤ k ≤ N
 * @param discriminatorSteps L (the workers' business; kept for reports)
 * @param swap whether the server orders discriminator swaps
 * @param iterationsPerRound iterations between swaps (⌈m·E/b⌉, or an override)
 * @param seed seeds G's initialisation, the latent stream and the swap permutations
 */
public record MdGanConfig(GanArchitecture architecture, GanHyper hyper, int workers, int batch, int k, int discriminatorSteps,
                          boolean swap, int iterationsPerRound, long seed) {

    public MdGanConfig {
        if (workers < 1 || batch < 1) {
            throw new IllegalArgumentException("workers and batch must be at least 1, got " + workers + " and " + batch);
        }
        if (k < 1 || k > workers) {
            throw new IllegalArgumentException("k must be in [1, workers=" + workers + "], got " + k);
        }
        if (iterationsPerRound < 1) {
            throw new IllegalArgumentException("iterations per round must be at least 1, got " + iterationsPerRound);
        }
    }
}
