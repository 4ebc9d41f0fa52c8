package ml.frontier.gan.grpc;

import ml.frontier.core.data.Dataset;
import ml.frontier.core.testing.TestModels;
import ml.frontier.gan.mdgan.MdGanAlgorithm;
import ml.frontier.gan.train.GanHyper;
import ml.frontier.gan.transport.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without faults, the networked run trains the same generator as the in-process one. */
class NetworkEquivalenceTest {

    @Test
    void networkedRunEqualsInProcessRun(@TempDir Path out) throws Exception {
        Dataset train = TestModels.train(60);
        NetRunConfig c = new NetRunConfig("mnist-mlp", 2, 10, 1, 1, 1, true, 7, GanHyper.DEFAULT);
        int iterations = 8;  // shards of 30: a swap every 3 iterations, so two swaps

        float[][] expected;
        try (MdGanAlgorithm a = new MdGanAlgorithm(c.setup(train))) {
            for (int it = 1; it <= iterations; it++) {
                a.step(it);
            }
            expected = a.generator().net().values();
        }

        NetServer.Result r;
        try (NetHarness h = new NetHarness(c, new GrpcTransport.Options(20_000, 20_000, 0, 20_000), s -> { })) {
            h.startWorker(0, train, 2);
            h.startWorker(1, train, 2);
            r = new NetServer(h.transport, new NetServer.Options(iterations, 0, 0, out, false, 30_000), s -> { }).run();
            h.joinWorkers();
            assertTrue(h.failures.isEmpty(), () -> "worker failed: " + h.failures);
        }
        assertEquals(2, r.swapRounds());
        float[][] got = ServerCheckpoint.read(r.checkpoint(), c).parameters();
        double maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(expected[i][j] - got[i][j]));
            }
        }
        assertTrue(maxDiff < 1e-5, "generators differ by " + maxDiff);
        // payload: 2·b·d floats out and b·d back per worker and iteration; 3·|θ| per swap message
        int d = 784;
        assertEquals(2L * 10 * d * 2 * iterations, r.traffic().floats("GeneratedBatches", Role.SERVER, Role.WORKER));
        assertEquals(10L * d * 2 * iterations, r.traffic().floats("Feedback", Role.WORKER, Role.SERVER));
        assertEquals(2 * 2 * 3 * 670_219L, r.traffic().floats("DiscriminatorState", Role.WORKER, Role.WORKER));
    }
}
