package ml.frontier.gan.grpc;

import ml.frontier.core.data.Dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Test helper: an in-process gRPC server transport and real workers on threads. */
final class NetHarness implements AutoCloseable {

    final String name = InProcessServerName.next();
    final InProcessNet net = new InProcessNet();
    final GrpcTransport transport;
    final List<NetWorker> workers = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final Consumer<String> log;

    NetHarness(NetRunConfig config, GrpcTransport.Options options, Consumer<String> log) throws Exception {
        this.log = log;
        this.transport = new GrpcTransport(config, options, log).serve(net.server(name, 0));
    }

    NetWorker startWorker(int id, Dataset train, int shards) throws Exception {
        NetWorker w = new NetWorker(new NetWorker.Options(id, shards, name, 0, name + "-peer" + id + "-" + workers.size(), 0,
                10_000, 2_000, 0), ShardSource.split(train, id, shards), net, log);
        Thread t = new Thread(() -> {
            try {
                w.run();
            } catch (Throwable e) {
                failures.add(e);
            }
        }, "worker-" + id);
        t.setDaemon(true);
        t.start();
        workers.add(w);
        threads.add(t);
        return w;
    }

    void joinWorkers() throws InterruptedException {
        for (Thread t : threads) {
            t.join(30_000);
        }
    }

    @Override
    public void close() {
        transport.close();
        workers.forEach(NetWorker::close);
    }

    /** Unique in-process server names within one JVM. */
    static final class InProcessServerName {
        private static final java.util.concurrent.atomic.AtomicInteger N = new java.util.concurrent.atomic.AtomicInteger();

        static String next() {
            return "mdgan-test-" + N.incrementAndGet();
        }
    }
}
