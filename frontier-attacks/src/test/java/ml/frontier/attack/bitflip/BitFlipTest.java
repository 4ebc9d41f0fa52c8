package ml.frontier.attack.bitflip;

import ml.frontier.attack.AttackContext;
import ml.frontier.attack.AttackResult;
import ml.frontier.attack.SharedModels;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.testing.TestModels;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BitFlipTest {

    @Test
    void exponentBitsDoubleHalveOrExplode() {
        assertEquals(0.125f, BitFlip.flip(0.25f, 23), "0.25 has the lowest exponent bit set: flipping it halves");
        assertEquals(1f, BitFlip.flip(0.5f, 23), "0.5 has it clear: flipping it doubles");
        assertEquals(1f, BitFlip.flip(0.25f, 24), "bit 24 multiplies 0.25 by four");
        assertEquals(-0.25f, BitFlip.flip(0.25f, 31));
        assertTrue(Math.abs(BitFlip.flip(0.25f, 30)) > 1e37f, "the top exponent bit sends a small weight past 1e37");
        assertEquals(0.25f, BitFlip.flip(BitFlip.flip(0.25f, 17), 17));
    }

    @Test
    void randomFlipChangesExactlyOneWeightBySeed() throws Exception {
        NetworkModel m = SharedModels.mlp();
        AttackContext ctx = AttackContext.of(new ml.frontier.core.data.TrainTest(TestModels.train(400), TestModels.test(100)), 5, Progress.silent());
        Map<String, float[]> before = m.snapshot();
        AttackResult a = BitFlip.random(1, 23).apply(m, ctx);
        AttackResult b = BitFlip.random(1, 23).apply(m, ctx);
        try (TrainableModel x = a.model(); TrainableModel y = b.model()) {
            int changed = 0;
            for (var e : before.entrySet()) {
                float[] w = x.values(e.getKey());
                for (int i = 0; i < w.length; i++) {
                    if (w[i] != e.getValue()[i]) {
                        changed++;
                        assertEquals(Math.abs(e.getValue()[i]) * (Math.abs(w[i]) > Math.abs(e.getValue()[i]) ? 2 : 0.5f),
                                Math.abs(w[i]), 0f);
                    }
                }
            }
            assertEquals(1, changed);
            assertEquals(x.sha256(), y.sha256(), "same seed, same flip");
        }
        assertEquals(before.keySet(), m.snapshot().keySet());
    }

    /** Five targeted flips hurt far more than five random lowest-exponent-bit flips. */
    @Test
    void targetedFlipsHurtMoreThanRandomOnes() throws Exception {
        NetworkModel m = SharedModels.mlp();
        AttackContext ctx = AttackContext.of(new ml.frontier.core.data.TrainTest(TestModels.train(600), TestModels.test(300)), 2, Progress.silent());
        AttackResult t = BitFlip.targeted(5).apply(m, ctx);
        AttackResult r = BitFlip.random(5, 23).apply(m, ctx);
        try (TrainableModel tm = t.model(); TrainableModel rm = r.model()) {
            double dropTargeted = t.accuracyBefore() - t.accuracyAfter();
            double dropRandom = r.accuracyBefore() - r.accuracyAfter();
            System.out.printf("accuracy drop: targeted %.3f, random %.3f%n", dropTargeted, dropRandom);
            assertTrue(dropTargeted > dropRandom + 0.05, "targeted " + dropTargeted + " vs random " + dropRandom);
        }
    }

    @Test
    void badParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BitFlip.random(0, 23));
        assertThrows(IllegalArgumentException.class, () -> BitFlip.random(1, 32));
    }
}
