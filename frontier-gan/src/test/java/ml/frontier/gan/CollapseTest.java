package ml.frontier.gan;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ml.frontier.core.engine.Engines;
import ml.frontier.gan.mdgan.MdGanConfig;
import ml.frontier.gan.mdgan.MdGanServer;
import ml.frontier.gan.nets.ClassCode;
import ml.frontier.gan.nets.GanArchitecture;
import ml.frontier.gan.nets.GanArchitectures;
import ml.frontier.gan.train.GanHyper;
import ml.frontier.gan.train.GanLosses;
import ml.frontier.gan.train.Generator;
import ml.frontier.gan.train.Latent;
import ml.frontier.gan.transport.Feedback;
import ml.frontier.gan.transport.GeneratedBatches;
import ml.frontier.gan.transport.Traffic;
import ml.frontier.gan.transport.Transport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15's mode collapse (each class one image): its cause was class codes as large as the
 * noise, so that the ten codes, not z, were what the generator varied with. These checks run in
 * about a second; the training measurements are in docs/results/README.md.
 */
class CollapseTest {

    /** Two classes' codes must lie much closer than two noise draws, yet far apart along their own line. */
    @Test
    void classCodesAreSmallBesideTheNoiseButStillSeparable() {
        ClassCode code = new ClassCode(10, 100);
        double noise = Math.sqrt(2 * 100);          // E‖z − z′‖ for z, z′ ~ N(0, I_100)
        double sum = 0, min = Double.MAX_VALUE;
        int pairs = 0;
        for (int i = 0; i < 10; i++) {
            for (int j = i + 1; j < 10; j++) {
                double d = distance(code.code(i), code.code(j));
                sum += d;
                min = Math.min(min, d);
                pairs++;
            }
        }
        double mean = sum / pairs;
        System.out.printf("class codes: mean distance %.2f (min %.2f) against %.2f between two noise draws%n", mean, min, noise);
        // the collapsing codes (N(0, 1)) gave a ratio of 1.0
        assertTrue(mean / noise < 0.5, "class codes dominate the noise: " + mean + " vs " + noise);
        // the noise has standard deviation 1 along the line between two codes
        assertTrue(min > 3, "two class codes only " + min + " apart: the class drowns in the noise");
    }

    /** An untrained generator must vary more with its noise than with its class (the collapsing codes: 8.2 vs 8.1). */
    @Test
    void untrainedGeneratorsVaryMoreWithNoiseThanWithClass() {
        for (String name : List.of(GanArchitectures.MNIST_MLP, GanArchitectures.MNIST_CNN)) {
            GanArchitecture a = GanArchitectures.byName(name);
            try (Generator g = new Generator(a, GanHyper.DEFAULT, 1)) {
                int n = 10, z = a.latentSize();
                Latent noise = Latent.sample(new Random(3), n, z, a.numClasses());
                int[] sameClass = new int[n];
                int[] classes = new int[n];
                float[] sameNoise = new float[n * z];
                for (int i = 0; i < n; i++) {
                    classes[i] = i % a.numClasses();
                    System.arraycopy(noise.z(), 0, sameNoise, i * z, z);
                }
                double withinClass = meanPairDistance(g.generate(new Latent(noise.z(), sameClass, z)), n);
                double acrossClasses = meanPairDistance(g.generate(new Latent(sameNoise, classes, z)), n);
                System.out.printf("%s untrained: %.2f between noises of one class, %.2f between classes of one noise%n",
                        name, withinClass, acrossClasses);
                assertTrue(acrossClasses < 0.7 * withinClass, name + ": the class moves the image by " + acrossClasses
                        + ", the noise by " + withinClass);
            }
        }
    }

    /** Consecutive MD-GAN iterations draw new noise (a generator that did not move still gives other images). */
    @Test
    void consecutiveIterationsGenerateFromFreshNoise() {
        GanArchitecture a = GanArchitectures.byName(GanArchitectures.MNIST_MLP);
        List<float[]> sent = new ArrayList<>();
        Transport zeroFeedback = new Transport() {
            @Override
            public int workers() {
                return 1;
            }

            @Override
            public List<Feedback> exchange(List<GeneratedBatches> batches) {
                sent.add(batches.get(0).xg());
                return List.of(new Feedback(0, batches.get(0).iteration(), new float[batches.get(0).xg().length]));
            }

            @Override
            public void swap(long round, int[] peers) {}

            @Override
            public Traffic traffic() {
                return Traffic.empty();
            }

            @Override
            public void close() {}
        };
        try (MdGanServer server = new MdGanServer(new MdGanConfig(a, GanHyper.DEFAULT, 1, 8, 1, 1, false, 100, 5), zeroFeedback)) {
            float[] before = server.generator().net().values()[0];
            server.iterate(1);
            server.iterate(2);
            // zero feedback leaves G where it was, so only the noise can tell the two batches apart
            assertTrue(Arrays.equals(before, server.generator().net().values()[0]), "zero feedback moved G");
            assertFalse(Arrays.equals(sent.get(0), sent.get(1)), "two iterations generated the same batch: the same noise");
            assertTrue(meanDistance(sent.get(0), sent.get(1), 784) > 1, "the two batches are nearly the same");
        }
    }

    /** The discriminator's class term counts real samples only (twice): generated ones carry no class target. */
    @Test
    void discriminatorLossIgnoresTheClassesOfGeneratedSamples() {
        Engines.pytorch();
        float[] real = {0.5f, 1, -1, -2f, 0, 3};
        float[] fake = {1.5f, 4, -4, 0.25f, -1, 2};
        int[] y = {0, 1};
        double ceReal = (-Math.log(Math.exp(1) / (Math.exp(1) + Math.exp(-1))) - Math.log(Math.exp(3) / (1 + Math.exp(3)))) / 2;
        double bceReal = (softplus(-0.5) + softplus(2)) / 2;     // −log σ(l)
        double bceFake = (softplus(1.5) + softplus(0.25)) / 2;   // −log(1 − σ(l))
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray r = m.create(real, new Shape(2, 3));
            NDArray f = m.create(fake, new Shape(2, 3));
            assertEquals(bceReal + bceFake + 2 * ceReal, GanLosses.discriminator(r, y, f, m).getFloat(), 1e-5);
        }
    }

    private static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }

    private static double meanPairDistance(float[] x, int n) {
        int dim = x.length / n;
        double s = 0;
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double d = 0;
                for (int k = 0; k < dim; k++) {
                    double e = x[i * dim + k] - x[j * dim + k];
                    d += e * e;
                }
                s += Math.sqrt(d);
                pairs++;
            }
        }
        return s / pairs;
    }

    private static double meanDistance(float[] a, float[] b, int dim) {
        int n = a.length / dim;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = 0;
            for (int k = 0; k < dim; k++) {
                double e = a[i * dim + k] - b[i * dim + k];
                d += e * e;
            }
            s += Math.sqrt(d);
        }
        return s / n;
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
