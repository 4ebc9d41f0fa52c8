package ml.frontier.gan.grpc;

import ml.frontier.core.data.Dataset;
import ml.frontier.core.testing.TestModels;
import ml.frontier.gan.mdgan.MdGanAlgorithm;
import ml.frontier.gan.train.GanHyper;
import ml.frontier.gan.transport.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without faults, the networked run trains the same generator as the in-process one. */
class NetworkEquivalenceTest {

    /** A documentation address (RFC 5737) that no peer can reach: relayed swaps must not need it. */
    static final String UNREACHABLE = "203.0.113.1";

    @Test
    void networkedRunEqualsInProcessRun(@TempDir Path out) throws Exception {
        NetServer.Result r = runAndCompare(out, 8, false);  // shards of 30: a swap every 3 iterations, so two swaps
        checkTraffic(r, 8);
    }

    @Test
    void swapsRelayedThroughTheServerTrainTheSameGenerator(@TempDir Path out) throws Exception {
        NetServer.Result r = runAndCompare(out, 6, true);
        assertEquals(2 * 2 * 670_219L, r.traffic().floats("DiscriminatorState", Role.WORKER, Role.WORKER));
    }

    /** Trains {@code iterations} in process and over loopback (swaps peer to peer or relayed), and checks G agrees to 1e-5. */
    private static NetServer.Result runAndCompare(Path out, int iterations, boolean relay) throws Exception {
        Dataset train = TestModels.train(60);
        NetRunConfig c = new NetRunConfig("mnist-mlp", 2, 10, 1, 1, 1, true, 7, GanHyper.DEFAULT);

        float[][] expected;
        try (MdGanAlgorithm a = new MdGanAlgorithm(c.setup(train))) {
            for (int it = 1; it <= iterations; it++) {
                a.step(it);
            }
            expected = a.generator().net().values();
        }

        // over real loopback TCP, so that gRPC's tracers count the bytes on the wire
        NetServer.Result r;
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (GrpcTransport t = NetLaunch.server(c, 0, NetSecurity.none(), new GrpcTransport.Options(20_000, 20_000, 0, 20_000, relay), s -> { })) {
            List<Thread> threads = new ArrayList<>();
            List<NetWorker> workers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                NetWorker w = new NetWorker(new NetWorker.Options(i, 2, "127.0.0.1", t.port(),
                        relay ? UNREACHABLE : "127.0.0.1", 0, 20_000, 2_000, 0),
                        ShardSource.split(train, i, 2), Connector.network(NetSecurity.none()), s -> { });
                workers.add(w);
                Thread th = new Thread(() -> {
                    try {
                        w.run();
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                th.start();
                threads.add(th);
            }
            r = new NetServer(t, new NetServer.Options(iterations, 0, 0, out, false, 30_000), s -> { }).run();
            for (Thread th : threads) {
                th.join(30_000);
            }
            workers.forEach(NetWorker::close);
        }
        assertTrue(failures.isEmpty(), () -> "worker failed: " + failures);
        assertEquals(2, r.swapRounds());
        float[][] got = ServerCheckpoint.read(r.checkpoint(), c).parameters();
        double maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(expected[i][j] - got[i][j]));
            }
        }
        assertTrue(maxDiff < 1e-5, "generators differ by " + maxDiff);
        return r;
    }

    private static void checkTraffic(NetServer.Result r, int iterations) {
        // payload: 2·b·d floats out and b·d back per worker and iteration; |θ| per swap message (the paper's count)
        int d = 784;
        assertEquals(2L * 10 * d * 2 * iterations, r.traffic().floats("GeneratedBatches", Role.SERVER, Role.WORKER));
        assertEquals(10L * d * 2 * iterations, r.traffic().floats("Feedback", Role.WORKER, Role.SERVER));
        assertEquals(2 * 2 * 670_219L, r.traffic().floats("DiscriminatorState", Role.WORKER, Role.WORKER));
        // on the wire (gRPC's count): the payload plus a little protobuf framing
        long swapPayload = 4L * 2 * 2 * 670_219;
        System.out.println("swap wire bytes " + r.swapWireBytes() + ", payload " + swapPayload
                + "; per iteration: batches " + r.batchWireBytesPerIteration() + ", feedback " + r.feedbackWireBytesPerIteration());
        assertTrue(r.swapWireBytes() >= swapPayload && r.swapWireBytes() < swapPayload * 1.001, "swap wire bytes " + r.swapWireBytes());
        assertTrue(r.batchWireBytesPerIteration() >= 2 * 2 * 10 * d * 4 && r.batchWireBytesPerIteration() < 2 * 2 * 10 * d * 4 * 1.01);
        assertTrue(r.feedbackWireBytesPerIteration() >= 2 * 10 * d * 4 && r.feedbackWireBytesPerIteration() < 2 * 10 * d * 4 * 1.01);
    }
}
