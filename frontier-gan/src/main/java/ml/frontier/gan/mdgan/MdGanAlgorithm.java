package ml.frontier.gan.mdgan;

import ml.frontier.core.data.Dataset;
import ml.frontier.gan.GanAlgorithm;
import ml.frontier.gan.GanSetup;
import ml.frontier.gan.train.Generator;
import ml.frontier.gan.train.WorkMeter;
import ml.frontier.gan.transport.InProcessTransport;
import ml.frontier.gan.transport.Traffic;
import ml.frontier.gan.transport.Transport;

import java.util.ArrayList;
import java.util.List;

/** MD-GAN in one process: a server and N workers joined by an {@link InProcessTransport}. */
public final class MdGanAlgorithm implements GanAlgorithm {

    private final List<MdGanWorker> workers = new ArrayList<>();
    private final Transport transport;
    private final MdGanServer server;

    public MdGanAlgorithm(GanSetup setup) {
        List<Dataset> shards = setup.shards();
        for (int n = 0; n < setup.workers(); n++) {
            workers.add(new MdGanWorker(n, setup, shards.get(n)));
        }
        this.transport = new InProcessTransport(workers);
        this.server = new MdGanServer(setup, transport);
    }

    public MdGanServer server() {
        return server;
    }

    public List<MdGanWorker> workers() {
        return List.copyOf(workers);
    }

    @Override
    public void step(long iteration) {
        server.iterate(iteration);
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
