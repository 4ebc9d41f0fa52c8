package ml.frontier.gan;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ml.frontier.core.engine.Engines;
import ml.frontier.core.testing.TestModels;
import ml.frontier.gan.nets.GanArchitectures;
import ml.frontier.gan.train.GanHyper;
import ml.frontier.gan.train.GanLosses;
import ml.frontier.gan.train.GeneratorLoss;
import ml.frontier.gan.train.StandaloneGan;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The two generator losses against their formulas, and the standalone GAN's fresh noise. */
class LossesTest {

    @Test
    void minimaxAndNonSaturatingGeneratorLossesMatchTheirFormulas() {
        Engines.pytorch();
        float[] rows = {0.5f, 1, -1, -2f, 0, 3}; // sample 0: logit 0.5, classes (1, -1); sample 1: logit -2, classes (0, 3)
        int[] y = {0, 1};
        double ce = (-Math.log(Math.exp(1) / (Math.exp(1) + Math.exp(-1))) - Math.log(Math.exp(3) / (1 + Math.exp(3)))) / 2;
        double ns = (softplus(-0.5) + softplus(2)) / 2 + ce;             // -log σ(l)
        double mm = (-softplus(0.5) - softplus(-2)) / 2 + ce;            // log(1 − σ(l)) = −softplus(l)
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray o = m.create(rows, new Shape(2, 3));
            assertEquals(ns, GanLosses.generator(o, y, m, GeneratorLoss.NON_SATURATING).getFloat(), 1e-5);
            assertEquals(mm, GanLosses.generator(o, y, m, GeneratorLoss.MINIMAX).getFloat(), 1e-5);
        }
        assertEquals(GeneratorLoss.MINIMAX, GeneratorLoss.parse("minimax"));
        assertThrows(IllegalArgumentException.class, () -> GeneratorLoss.parse("wasserstein"));
    }

    @Test
    void standaloneGeneratorStepDrawsFreshNoiseUnlessAskedNotTo() {
        for (boolean fresh : new boolean[] {true, false}) {
            GanSetup s = new GanSetup(GanArchitectures.byName("mnist-mlp"), GanHyper.DEFAULT.withFreshNoise(fresh),
                    TestModels.train(40), 1, 8, 1, 1, 1, true, 2);
            try (StandaloneGan g = new StandaloneGan(s)) {
                g.step(1);
                g.step(2);
                assertEquals(fresh ? 2 * 2 * 8 : 2 * 8, g.cost().generatedSamples());
            }
        }
    }

    private static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }
}
