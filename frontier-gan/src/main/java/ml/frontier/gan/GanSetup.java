package ml.frontier.gan;

import ml.frontier.core.data.Dataset;
import ml.frontier.gan.mdgan.MdGanConfig;
import ml.frontier.gan.nets.GanArchitecture;
import ml.frontier.gan.train.GanHyper;
import ml.frontier.gan.train.Seeds;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything an algorithm needs to start: networks, optimiser, training data and the
 * distribution parameters.
 *
 * @param workers N (1 for the standalone GAN)
 * @param batch b, samples per batch
 * @param k MD-GAN: generated batches per iteration (1 ≤ k ≤ N)
 * @param discriminatorSteps L, discriminator steps per iteration
 * @param epochsPerSwap E: MD-GAN swaps and FL-GAN averages every ⌈m·E/b⌉ iterations
 * @param swap MD-GAN: whether discriminators are swapped at all
 * @param roundEvery iterations between swaps / FL-GAN rounds when positive, overriding ⌈m·E/b⌉
 *        (short runs: at b = 10 one epoch of a 6,000-image shard is 600 iterations)
 */
public record GanSetup(GanArchitecture architecture, GanHyper hyper, Dataset train, int workers, int batch, int k,
                       int discriminatorSteps, int epochsPerSwap, boolean swap, long seed, int roundEvery) {

    /** A setup whose rounds follow E. */
    public GanSetup(GanArchitecture architecture, GanHyper hyper, Dataset train, int workers, int batch, int k,
                    int discriminatorSteps, int epochsPerSwap, boolean swap, long seed) {
        this(architecture, hyper, train, workers, batch, k, discriminatorSteps, epochsPerSwap, swap, seed, 0);
    }

    public GanSetup {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        if (k < 1 || k > workers) {
            throw new IllegalArgumentException("k must be in [1, workers=" + workers + "], got " + k);
        }
        if (discriminatorSteps < 1) {
            throw new IllegalArgumentException("L (discriminator steps) must be at least 1, got " + discriminatorSteps);
        }
        if (epochsPerSwap < 1) {
            throw new IllegalArgumentException("epochs per swap must be at least 1, got " + epochsPerSwap);
        }
        if (roundEvery < 0) {
            throw new IllegalArgumentException("round period must be positive (or 0 for m·E/b), got " + roundEvery);
        }
        if (!train.shape().equals(architecture.imageShape())) {
            throw new IllegalArgumentException("data of shape " + train.shape() + " do not fit network " + architecture.name()
                    + " (" + architecture.imageShape() + ")");
        }
        if (train.size() / workers < batch) {
            throw new IllegalArgumentException(train.size() + " training images cannot give " + workers
                    + " workers a shard of at least one batch of " + batch);
        }
    }

    /** ⌈log₂ N⌉, at least 1: the paper's larger choice of k. */
    public static int logK(int workers) {
        int k = 0;
        while ((1 << k) < workers) {
            k++;
        }
        return Math.max(1, k);
    }

    /** The training set in a seeded order, cut into N equal contiguous shards (the remainder is dropped). */
    public List<Dataset> shards() {
        Dataset shuffled = train.shuffled(Seeds.derive(seed, "shards", 0));
        int m = shuffled.size() / workers;
        List<Dataset> out = new ArrayList<>();
        for (int n = 0; n < workers; n++) {
            out.add(shuffled.slice(n * m, (n + 1) * m).withName(train.name() + "/shard" + n));
        }
        return out;
    }

    /** m, the size of each shard. */
    public int shardSize() {
        return train.size() / workers;
    }

    /** Iterations between MD-GAN swaps or FL-GAN rounds: ⌈m·E/b⌉ unless {@code roundEvery} is set. */
    public int iterationsPerRound() {
        if (roundEvery > 0) {
            return roundEvery;
        }
        return (int) Math.max(1, ((long) shardSize() * epochsPerSwap + batch - 1) / batch);
    }

    /** The MD-GAN server's part of this setup (everything but the data). */
    public MdGanConfig mdGan() {
        return new MdGanConfig(architecture, hyper, workers, batch, k, discriminatorSteps, swap, iterationsPerRound(), seed);
    }
}
