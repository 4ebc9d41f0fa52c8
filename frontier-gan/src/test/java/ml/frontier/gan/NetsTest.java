package ml.frontier.gan;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ml.frontier.gan.nets.GanArchitecture;
import ml.frontier.gan.nets.GanArchitectures;
import ml.frontier.gan.train.Discriminator;
import ml.frontier.gan.train.GanHyper;
import ml.frontier.gan.train.Generator;
import ml.frontier.gan.train.Latent;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetsTest {

    @Test
    void mnistMlpHasThePapersParameterCounts() {
        GanArchitecture a = GanArchitectures.byName("mnist-mlp");
        try (Generator g = new Generator(a, GanHyper.DEFAULT, 1); Discriminator d = new Discriminator(a, GanHyper.DEFAULT, 1)) {
            assertEquals(716_560, g.net().parameterCount());
            assertEquals(670_219, d.net().parameterCount());
            float[] x = g.generate(Latent.sample(new Random(1), 3, 100, 10));
            assertEquals(3 * 784, x.length);
            for (float v : x) {
                assertTrue(v >= 0 && v <= 1);
            }
        }
    }

    @Test
    void cnnNetsBuildAndMapShapes() {
        for (String name : new String[] {"mnist-cnn", "cifar-cnn"}) {
            GanArchitecture a = GanArchitectures.byName(name);
            try (Generator g = new Generator(a, GanHyper.DEFAULT, 1); Discriminator d = new Discriminator(a, GanHyper.DEFAULT, 1)) {
                float[] x = g.generate(Latent.sample(new Random(1), 2, 100, 10));
                assertEquals(2 * a.imageShape().size(), x.length, name);
                try (NDManager sub = d.net().manager().newSubManager()) {
                    var out = d.net().forward(new ParameterStore(sub, false),
                            sub.create(x, new ai.djl.ndarray.types.Shape(2, a.imageShape().channels(), a.imageShape().height(),
                                    a.imageShape().width())), false);
                    assertArrayEquals(new long[] {2, 11}, out.getShape().getShape(), name);
                }
                System.out.printf("%s: |w| = %d (paper %d), |theta| = %d (paper %d)%n", name, g.net().parameterCount(),
                        a.paperGeneratorCount(), d.net().parameterCount(), a.paperDiscriminatorCount());
            }
        }
    }
}
