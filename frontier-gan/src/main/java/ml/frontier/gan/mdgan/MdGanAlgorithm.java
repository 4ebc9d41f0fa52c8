package ml.frontier.gan.mdgan;

import ml.frontier.core.data.Dataset;
import ml.frontier.gan.GanAlgorithm;
import ml.frontier.gan.GanSetup;
import ml.frontier.gan.train.CostClock;
import ml.frontier.gan.train.Generator;
import ml.frontier.gan.train.WorkMeter;
import ml.frontier.gan.transport.InProcessTransport;
import ml.frontier.gan.transport.Traffic;
import ml.frontier.gan.transport.Transport;

import java.util.ArrayList;
import java.util.List;

/** MD-GAN in one process: a server and N workers joined by an {@link InProcessTransport}. */
public final class MdGanAlgorithm implements GanAlgorithm {

    private final GanSetup setup;
    private final List<MdGanWorker> workers = new ArrayList<>();
    private final Transport transport;
    private final MdGanServer server;
    private final CostClock cost = new CostClock();

    public MdGanAlgorithm(GanSetup setup) {
        this.setup = setup;
        List<Dataset> shards = setup.shards();
        for (int n = 0; n < setup.workers(); n++) {
            workers.add(new MdGanWorker(n, setup, shards.get(n)));
        }
        this.transport = new InProcessTransport(workers);
        this.server = new MdGanServer(setup.mdGan(), transport);
    }

    public MdGanServer server() {
        return server;
    }

    public List<MdGanWorker> workers() {
        return List.copyOf(workers);
    }

    @Override
    public void step(long iteration) {
        long[] before = new long[workers.size()];
        for (int n = 0; n < before.length; n++) {
            before[n] = workers.get(n).discriminator().meter().snapshot().nanos();
        }
        long t0 = System.nanoTime();
        server.iterate(iteration);
        long total = System.nanoTime() - t0, sum = 0;
        for (int n = 0; n < before.length; n++) {
            before[n] = workers.get(n).discriminator().meter().snapshot().nanos() - before[n];
            sum += before[n];
        }
        cost.workers(before);
        cost.server(Math.max(0, total - sum));
        cost.generated((long) setup.k() * setup.batch());
    }

    @Override
    public CostClock.Cost cost() {
        return cost.snapshot();
    }

    @Override
    public Generator generator() {
        return server.generator();
    }

    @Override
    public Traffic traffic() {
        return transport.traffic();
    }

    @Override
    public WorkMeter.Snapshot workerCompute() {
        return workers.get(0).discriminator().meter().snapshot();
    }

    @Override
    public void close() {
        server.close();
        transport.close();
        workers.forEach(MdGanWorker::close);
    }
}
