package ml.frontier.gan.grpc;

import ml.frontier.core.testing.TestModels;
import ml.frontier.gan.mdgan.MdGanAlgorithm;
import ml.frontier.gan.train.GanHyper;
import org.junit.jupiter.api.Test;

class ScratchNanTest {
    @Test
    void run() {
        NetRunConfig c = new NetRunConfig("mnist-mlp", 3, 5, 1, 1, 1, true, 3, GanHyper.DEFAULT);
        try (MdGanAlgorithm a = new MdGanAlgorithm(c.setup(TestModels.train(300)))) {
            for (int it = 1; it <= 45; it++) {
                try {
                    a.step(it);
                } catch (RuntimeException e) {
                    System.err.println("SCRATCH iteration " + it + ": " + e);
                    throw e;
                }
            }
            System.err.println("SCRATCH ok");
        }
    }
}
