package ml.frontier.gan.flgan;

import ml.frontier.core.data.Dataset;
import ml.frontier.gan.GanAlgorithm;
import ml.frontier.gan.GanSetup;
import ml.frontier.gan.train.CostClock;
import ml.frontier.gan.train.Generator;
import ml.frontier.gan.train.Seeds;
import ml.frontier.gan.train.WorkMeter;
import ml.frontier.gan.transport.ModelState;
import ml.frontier.gan.transport.Role;
import ml.frontier.gan.transport.Traffic;
import ml.frontier.gan.transport.TrafficCounter;

import java.util.ArrayList;
import java.util.List;

/**
 * FL-GAN (federated averaging of GANs): N workers each train a full G and D on their shard;
 * every ⌈m·E/b⌉ iterations (E local epochs) each sends G and D to the server, which averages
 * them weighted by shard size (FedAvg) and sends the average back. Optimizer states stay local.
 *
 * <p>The scored generator is the server's: the average sent at the last round boundary (before
 * the first round, the common initial G), as in the paper.
 */
public final class FlGan implements GanAlgorithm {

    private final GanSetup setup;
    private final List<FlGanWorker> workers = new ArrayList<>();
    private final Generator average;
    private final TrafficCounter counter = new TrafficCounter();
    private final CostClock cost = new CostClock();
    private long rounds;

    public FlGan(GanSetup setup) {
        this.setup = setup;
        List<Dataset> shards = setup.shards();
        for (int n = 0; n < setup.workers(); n++) {
            workers.add(new FlGanWorker(n, setup, shards.get(n)));
        }
        this.average = new Generator(setup.architecture(), setup.hyper(), Seeds.derive(setup.seed(), "G", 0));
    }

    @Override
    public void step(long iteration) {
        long[] nanos = new long[workers.size()];
        for (int n = 0; n < nanos.length; n++) {
            long t0 = System.nanoTime();
            cost.generated(workers.get(n).step());
            nanos[n] = System.nanoTime() - t0;
        }
        cost.workers(nanos);
        if (iteration % setup.iterationsPerRound() == 0) {
            long t0 = System.nanoTime();
            round();
            cost.server(System.nanoTime() - t0);
        }
    }

    /** One FedAvg round: upload, weighted average, download. */
    public void round() {
        rounds++;
        List<ModelState> up = new ArrayList<>();
        double[] weights = new double[workers.size()];
        double total = 0;
        for (int n = 0; n < workers.size(); n++) {
            ModelState s = workers.get(n).export(rounds);
            counter.record(s, Role.WORKER, Role.SERVER);
            up.add(s);
            weights[n] = workers.get(n).shardSize();
            total += weights[n];
        }
        float[][] g = new float[up.get(0).generator().length][];
        float[][] d = new float[up.get(0).discriminator().length][];
        for (int i = 0; i < g.length; i++) {
            final int p = i;
            g[i] = weightedMean(up.stream().map(s -> s.generator()[p]).toList(), weights, total);
        }
        for (int i = 0; i < d.length; i++) {
            final int p = i;
            d[i] = weightedMean(up.stream().map(s -> s.discriminator()[p]).toList(), weights, total);
        }
        for (int n = 0; n < workers.size(); n++) {
            ModelState down = new ModelState(n, rounds, g, d);
            counter.record(down, Role.SERVER, Role.WORKER);
            workers.get(n).load(down);
        }
        average.net().setValues(g);
    }

    static float[] weightedMean(List<float[]> arrays, double[] weights, double total) {
        float[] out = new float[arrays.get(0).length];
        for (int n = 0; n < arrays.size(); n++) {
            float[] a = arrays.get(n);
            float w = (float) (weights[n] / total);
            for (int i = 0; i < out.length; i++) {
                out[i] += w * a[i];
            }
        }
        return out;
    }

    public long rounds() {
        return rounds;
    }

    public List<FlGanWorker> workers() {
        return List.copyOf(workers);
    }

    @Override
    public Generator generator() {
        return average;
    }

    @Override
    public CostClock.Cost cost() {
        return cost.snapshot();
    }

    @Override
    public Traffic traffic() {
        return counter.snapshot();
    }

    @Override
    public WorkMeter.Snapshot workerCompute() {
        WorkMeter.Snapshot a = workers.get(0).generator().meter().snapshot();
        WorkMeter.Snapshot b = workers.get(0).discriminator().meter().snapshot();
        return new WorkMeter.Snapshot(a.nanos() + b.nanos(), b.dForward(), b.dBackward(), a.gForward(), a.gBackward());
    }

    @Override
    public void close() {
        workers.forEach(FlGanWorker::close);
        average.close();
    }
}
