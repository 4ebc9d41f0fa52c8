package ml.frontier.gan;

import ml.frontier.core.testing.TestModels;
import ml.frontier.gan.mdgan.MdGanAlgorithm;
import ml.frontier.gan.nets.GanArchitectures;
import ml.frontier.gan.train.GanHyper;
import ml.frontier.gan.train.StandaloneGan;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With N = 1, k = 1, L = 1 and one seed, MD-GAN's split update equals the standalone GAN's end-to-end update. */
class EquivalenceTest {

    @Test
    void mdGanWithOneWorkerUpdatesGLikeTheStandaloneGan() {
        // MD-GAN with k = 1 trains D and takes the generator step on the same batch: the reference must reuse it too
        GanSetup s = new GanSetup(GanArchitectures.byName("mnist-mlp"), GanHyper.DEFAULT.withFreshNoise(false), TestModels.train(200),
                1, 16, 1, 1, 1, true, 7);
        try (StandaloneGan ref = new StandaloneGan(s); MdGanAlgorithm md = new MdGanAlgorithm(s)) {
            float[][] before = ref.generator().net().values();
            for (long t = 1; t <= 3; t++) {
                ref.step(t);
                md.step(t);
                float[][] a = ref.generator().net().values();
                float[][] b = md.generator().net().values();
                double maxDiff = 0, maxMove = 0;
                for (int i = 0; i < a.length; i++) {
                    for (int j = 0; j < a[i].length; j++) {
                        maxDiff = Math.max(maxDiff, Math.abs(a[i][j] - b[i][j]));
                        maxMove = Math.max(maxMove, Math.abs(a[i][j] - before[i][j]));
                    }
                }
                assertTrue(maxMove > 1e-4, "G must have moved");
                assertEquals(0, maxDiff, 1e-5, "after iteration " + t);
            }
            float[][] da = ref.discriminator().net().values();
            float[][] db = md.workers().get(0).discriminator().net().values();
            for (int i = 0; i < da.length; i++) {
                for (int j = 0; j < da[i].length; j++) {
                    assertEquals(da[i][j], db[i][j], 1e-5);
                }
            }
        }
    }
}
