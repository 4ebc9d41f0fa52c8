package ml.frontier.gan.mdgan;

import ml.frontier.core.data.Dataset;
import ml.frontier.core.train.Adam;
import ml.frontier.gan.GanSetup;
import ml.frontier.gan.train.Discriminator;
import ml.frontier.gan.train.RealSampler;
import ml.frontier.gan.train.Seeds;
import ml.frontier.gan.transport.DiscriminatorState;
import ml.frontier.gan.transport.Feedback;
import ml.frontier.gan.transport.GeneratedBatches;
import ml.frontier.gan.transport.WorkerEndpoint;

/**
 * An MD-GAN worker: one discriminator and a private shard. Each iteration it takes L
 * discriminator steps on a real batch and X^(d), then returns the feedback on X^(g).
 */
public final class MdGanWorker implements WorkerEndpoint, AutoCloseable {

    private final int id;
    private final int steps;
    private final Discriminator d;
    private final RealSampler real;
    private final boolean sendAdamState;

    /** Worker {@code id} of a run set up by {@code setup}, on {@code shard}. */
    public MdGanWorker(int id, GanSetup setup, Dataset shard) {
        this.id = id;
        this.steps = setup.discriminatorSteps();
        this.sendAdamState = setup.hyper().swapAdamState();
        this.d = new Discriminator(setup.architecture(), setup.hyper(), Seeds.derive(setup.seed(), "D", 0));
        this.real = new RealSampler(shard, Seeds.derive(setup.seed(), "real", id));
    }

    @Override
    public int id() {
        return id;
    }

    public Discriminator discriminator() {
        return d;
    }

    @Override
    public Feedback onBatches(GeneratedBatches b) {
        if (b.workerId() != id) {
            throw new IllegalArgumentException("worker " + id + " received batches addressed to worker " + b.workerId());
        }
        for (int i = 0; i < steps; i++) {
            d.step(real.next(b.batchSize()), b.xd(), b.yd());
        }
        return new Feedback(id, b.iteration(), d.feedback(b.xg(), b.yg()));
    }

    @Override
    public DiscriminatorState exportDiscriminator(long round) {
        if (!sendAdamState) {
            return DiscriminatorState.parametersOnly(id, round, d.net().values());
        }
        Adam.State s = d.adam().state();
        return new DiscriminatorState(id, round, d.net().values(), s.step(), s.firstMoment(), s.secondMoment());
    }

    /** Takes θ, and the Adam moments when they came along (otherwise this worker keeps its own). */
    @Override
    public void importDiscriminator(DiscriminatorState state) {
        d.net().setValues(state.parameters());
        if (state.hasAdamState()) {
            d.adam().load(new Adam.State(state.adamStep(), state.firstMoment(), state.secondMoment()));
        }
    }

    @Override
    public void close() {
        d.close();
    }
}
