package ml.frontier.gan;

import ml.frontier.gan.train.CostClock;
import ml.frontier.gan.train.Generator;
import ml.frontier.gan.train.WorkMeter;
import ml.frontier.gan.transport.Traffic;

/** A GAN training algorithm advanced one iteration at a time: standalone, FL-GAN or MD-GAN. */
public interface GanAlgorithm extends AutoCloseable {

    /** Runs iteration {@code iteration} (1-based). */
    void step(long iteration);

    /** The generator whose samples are scored (FL-GAN: the federated average). */
    Generator generator();

    /** Bytes that crossed between roles so far (empty for the standalone GAN). */
    Traffic traffic();

    /** Generated samples, server compute and slowest-worker compute so far. */
    CostClock.Cost cost();

    /** Compute spent so far by one worker (worker 0; the standalone trainer counts as one). */
    WorkMeter.Snapshot workerCompute();

    @Override
    void close();
}
