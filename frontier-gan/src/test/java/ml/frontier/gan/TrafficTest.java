package ml.frontier.gan;

import ml.frontier.core.testing.TestModels;
import ml.frontier.gan.flgan.FlGan;
import ml.frontier.gan.mdgan.MdGanAlgorithm;
import ml.frontier.gan.mdgan.MdGanServer;
import ml.frontier.gan.nets.GanArchitectures;
import ml.frontier.gan.train.GanHyper;
import ml.frontier.gan.transport.InProcessTransport;
import ml.frontier.gan.transport.Role;
import ml.frontier.gan.transport.Traffic;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Measured traffic equals the paper's formulas. */
class TrafficTest {

    private static final int D = 784;
    private static final long THETA = 670_219;
    private static final long W = 716_560;

    @Test
    void mdGanBytesPerIterationAndPerSwapMatchTheFormulas() {
        int n = 3, b = 4;
        // m = 120 / 3 = 40 per shard, so a swap every m·E/b = 10 iterations
        GanSetup s = new GanSetup(GanArchitectures.byName("mnist-mlp"), GanHyper.DEFAULT, TestModels.train(120), n, b, 2, 1, 1, true, 3);
        assertEquals(10, s.iterationsPerRound());
        try (MdGanAlgorithm md = new MdGanAlgorithm(s)) {
            md.step(1);
            Traffic one = md.traffic();
            // per worker: 2·b·d floats server → worker (X^(d), X^(g)) plus 2·b label ints; b·d floats back
            assertEquals(n * 2L * b * D, one.floats("GeneratedBatches", Role.SERVER, Role.WORKER));
            assertEquals(n * 2L * b, one.flow("GeneratedBatches", Role.SERVER, Role.WORKER).ints());
            assertEquals(n * (long) b * D, one.floats("Feedback", Role.WORKER, Role.SERVER));
            assertEquals(4L * n * (2L * b * D + 2L * b), one.bytesSent(Role.SERVER));
            assertEquals(4L * n * b * D, one.bytesSent(Role.WORKER));
            for (long t = 2; t <= 9; t++) {
                md.step(t);
            }
            Traffic before = md.traffic();
            assertEquals(0, before.floats("DiscriminatorState", Role.WORKER, Role.WORKER));
            md.step(10);
            Traffic swap = md.traffic().minus(before);
            // each worker sends θ only, as the paper counts: |θ| floats
            assertEquals(n * THETA, swap.floats("DiscriminatorState", Role.WORKER, Role.WORKER));
            assertEquals(n, swap.flow("SwapOrder", Role.SERVER, Role.WORKER).messages());
            assertEquals(n * 2L * b * D, swap.floats("GeneratedBatches", Role.SERVER, Role.WORKER));
        }
    }

    @Test
    void swapsWithAdamStateSendThreeThetaAndMoveTheMoments() {
        GanHyper h = GanHyper.DEFAULT.withSwapAdamState(true);
        GanSetup s = new GanSetup(GanArchitectures.byName("mnist-mlp"), h, TestModels.train(40), 2, 4, 1, 1, 1, true, 3);
        assertEquals(5, s.iterationsPerRound());
        try (MdGanAlgorithm md = new MdGanAlgorithm(s)) {
            for (long t = 1; t <= 5; t++) {
                md.step(t);
            }
            assertEquals(2 * 3 * THETA, md.traffic().floats("DiscriminatorState", Role.WORKER, Role.WORKER));
            assertEquals(5, md.workers().get(0).discriminator().adam().steps());
        }
    }

    @Test
    void flGanSendsWPlusThetaEachWayPerRound() {
        int n = 2, b = 10;
        GanSetup s = new GanSetup(GanArchitectures.byName("mnist-mlp"), GanHyper.DEFAULT, TestModels.train(40), n, b, 1, 1, 1, true, 3);
        assertEquals(2, s.iterationsPerRound());
        try (FlGan fl = new FlGan(s)) {
            fl.step(1);
            assertEquals(0, fl.traffic().bytesSent(Role.WORKER));
            fl.step(2);
            Traffic t = fl.traffic();
            assertEquals(n * (W + THETA), t.floats("ModelState", Role.WORKER, Role.SERVER));
            assertEquals(n * (W + THETA), t.floats("ModelState", Role.SERVER, Role.WORKER));
            // after a round every worker holds the same G, and the scored G is the server's average
            float[] avg = fl.workers().get(0).generator().net().values()[0];
            assertArrayEquals(avg, fl.workers().get(1).generator().net().values()[0]);
            assertArrayEquals(avg, fl.generator().net().values()[0]);
            fl.step(3);
            // mid-round the workers move on; the server's generator stays the last average
            assertNotEquals(avg[0], fl.workers().get(0).generator().net().values()[0][0]);
            assertArrayEquals(avg, fl.generator().net().values()[0]);
            // fresh noise: every worker draws b samples for D and b more for its generator step
            assertEquals(3L * n * 2 * b, fl.cost().generatedSamples());
        }
    }

    @Test
    void swapIsAPermutationAndEachWorkerReceivesExactlyOneDiscriminator() {
        Random r = new Random(5);
        for (int n = 2; n <= 12; n++) {
            int[] p = MdGanServer.cyclicPermutation(n, r);
            InProcessTransport.checkPermutation(p, n);
            for (int i = 0; i < n; i++) {
                assertNotEquals(i, p[i], "a worker must not keep its own D");
            }
        }
        GanSetup s = new GanSetup(GanArchitectures.byName("mnist-mlp"), GanHyper.DEFAULT, TestModels.train(90), 3, 10, 1, 1, 1, true, 4);
        try (MdGanAlgorithm md = new MdGanAlgorithm(s)) {
            md.step(1);
            // make the three discriminators distinguishable, then swap
            for (int w = 0; w < 3; w++) {
                float[][] v = md.workers().get(w).discriminator().net().values();
                v[v.length - 1][0] = 100 + w;
                md.workers().get(w).discriminator().net().setValues(v);
            }
            var transport = new InProcessTransport(md.workers());
            int[] peers = {2, 0, 1};
            transport.swap(1, peers);
            for (int w = 0; w < 3; w++) {
                float[][] v = md.workers().get(peers[w]).discriminator().net().values();
                assertEquals(100 + w, v[v.length - 1][0], 0f);
                assertEquals(1, md.workers().get(peers[w]).discriminator().adam().steps());
            }
        }
    }
}
