package ml.frontier.core.torchscript;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.classifier.WhiteBoxClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.model.ModelOptions;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.testing.ByomFixtures;
import ml.frontier.core.testing.TestModels;
import ml.frontier.core.train.ClassifierTrainer;
import ml.frontier.core.train.Evaluation;
import ml.frontier.core.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TorchScriptModelTest {

    @TempDir
    Path dir;

    private TorchScriptModel cnn() throws FrontierException {
        return TorchScriptModel.load(ByomFixtures.copy("cnn.pt", dir), ModelOptions.none());
    }

    @Test
    void pytorchCnnGivesPytorchsLogitsAndLabelsInEvaluationMode() throws Exception {
        try (TorchScriptModel m = cnn()) {
            assertEquals(ImageShape.MNIST, m.inputShape(), "probed input shape");
            assertEquals(10, m.numClasses(), "classes read from the output");
            DjlClassifier c = new DjlClassifier(m);
            float[] logits = c.logits(ByomFixtures.cnnImages());
            float[] expected = ByomFixtures.npy("cnn-logits.npy").floats();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], logits[i], 1e-4, "logit " + i);
            }
            assertArrayEquals(ByomFixtures.npy("cnn-labels.npy").ints(), c.predict(ByomFixtures.cnnImages()));
            assertArrayEquals(logits, c.logits(ByomFixtures.cnnImages()), "no dropout: the same twice");
            assertTrue(Evaluation.accuracy(c, TestModels.test(500)) > 0.93, "PyTorch's CNN classifies MNIST");
        }
    }

    @Test
    void inputGradientInEvaluationModeMatchesAFiniteDifference() throws Exception {
        try (TorchScriptModel m = cnn()) {
            DjlClassifier c = new DjlClassifier(m);
            // noise breaks the exact ties of the black background in max-pooling, where the loss
            // has no derivative and a finite difference cannot agree with any gradient
            Random rng = new Random(7);
            ImageBatch digits = ByomFixtures.cnnImages().slice(0, 4);
            float[] noisy = digits.data().clone();
            for (int i = 0; i < noisy.length; i++) {
                noisy[i] = 0.9f * noisy[i] + 0.1f * rng.nextFloat();
            }
            ImageBatch x = ImageBatch.of(noisy, 4, digits.shape());
            int[] y = {3, 1, 4, 1};
            float[] g = c.lossGradient(x, y);
            float[] d = new float[x.data().length];
            double norm = 0;
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) rng.nextGaussian();
                norm += d[i] * d[i];
            }
            double analytic = 0;
            for (int i = 0; i < d.length; i++) {
                d[i] /= (float) Math.sqrt(norm);
                analytic += g[i] * d[i];
            }
            float h = 1e-2f;
            double numeric = (loss(c, shifted(x, d, h), y) - loss(c, shifted(x, d, -h), y)) / (2 * h);
            assertEquals(analytic, numeric, 0.03 * Math.abs(analytic) + 1e-3, "directional derivative");
            assertArrayEquals(g, c.lossGradient(x, y), 1e-6f, "no dropout, frozen batch-norm: the same gradient twice");
            for (String n : m.parameterNames()) {
                assertTrue(m.parameter(n).getArray().getGradient().abs().max().getFloat() == 0f
                        || !m.parameter(n).requiresGradient(), "no parameter gradient left behind: " + n);
            }
        }
    }

    private static ImageBatch shifted(ImageBatch x, float[] d, float h) {
        float[] v = x.data().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += h * d[i];
        }
        return ImageBatch.of(v, x.n(), x.shape());
    }

    private static double loss(WhiteBoxClassifier c, ImageBatch x, int[] y) throws FrontierException {
        float[] p = c.probabilities(x);
        double l = 0;
        for (int i = 0; i < y.length; i++) {
            l -= Math.log(p[i * c.numClasses() + y[i]]);
        }
        return l;
    }

    @Test
    void fineTunedCopySavesAsPlainTorchScriptThatReloadsIdentically() throws Exception {
        try (TorchScriptModel m = cnn(); TorchScriptModel copy = m.copy()) {
            assertEquals(m.sha256(), copy.sha256(), "a copy is the same model");
            TrainingConfig tc = TrainingConfig.builder().optEpochs(1).optBatchSize(64).optLearningRate(1e-3f).optSeed(3).build();
            new ClassifierTrainer(tc, Progress.silent()).train(copy, TestModels.train(256), null);
            assertNotEquals(m.sha256(), copy.sha256(), "fine-tuning changed the copy");
            assertEquals(copy.sha256(), copy.metadata().parametersSha256(), "the trainer rehashed it");
            Path out = dir.resolve("tuned.pt");
            copy.save(out);
            byte[] head = Arrays.copyOf(Files.readAllBytes(out), 2);
            assertArrayEquals(new byte[] {'P', 'K'}, head, "a TorchScript zip, no DJL header");
            assertTrue(Files.isRegularFile(ml.frontier.core.model.ModelSidecar.of(out)), "provenance sidecar");
            try (TorchScriptModel back = TorchScriptModel.load(out, ModelOptions.none())) {
                assertEquals(copy.sha256(), back.sha256());
                assertEquals(copy.metadata().history().size(), back.metadata().history().size());
                ImageBatch x = ByomFixtures.cnnImages();
                assertArrayEquals(new DjlClassifier(copy).logits(x), new DjlClassifier(back).logits(x), 0f);
            }
            float[] original = new DjlClassifier(m).logits(ByomFixtures.cnnImages());
            float[] expected = ByomFixtures.npy("cnn-logits.npy").floats();
            assertArrayEquals(expected, original, 1e-4f, "the original is untouched by its copy's training");
        }
    }

    @Test
    void truncatedOrForeignFilesAreRefusedWithOneLineNamingTheFile() throws Exception {
        Path full = ByomFixtures.copy("cnn.pt", dir);
        Path cut = dir.resolve("cut.pt");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(full), 5000));
        FrontierException e = assertThrows(FrontierException.class, () -> TorchScriptModel.load(cut, ModelOptions.none()));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        FrontierException wrong = assertThrows(FrontierException.class, () -> TorchScriptModel.load(full,
                new ModelOptions(ImageShape.CIFAR, null, ml.frontier.core.image.Preprocessing.none())));
        assertTrue(wrong.getMessage().contains("3x32x32"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("\n"), wrong.getMessage());
    }
}
