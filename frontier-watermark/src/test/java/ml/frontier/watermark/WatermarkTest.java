package ml.frontier.watermark;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.testing.TestModels;
import ml.frontier.watermark.stats.EmpiricalThreshold;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key generation, stitching and verification on real small MNIST models. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatermarkTest {

    private TrainTest data;
    private NetworkModel source;
    private NetworkModel marked;
    private NetworkModel independent;
    private WatermarkKey key;
    private EmbeddingReport report;

    @BeforeAll
    void embed() throws FrontierException {
        data = new TrainTest(TestModels.train(4000), TestModels.test(1000));
        source = TestModels.mlp(1);
        independent = TestModels.mlp(7);
        key = new KeyGenerator(KeyGenerator.Config.builder().optKeySize(40).optEpsilon(0.1f).optSeed(3).build())
                .generate(new DjlClassifier(source), data.train());
        marked = source.copy();
        report = new Embedder(Embedder.Config.builder().build(), Progress.silent()).embed(marked, key, data);
    }

    @AfterAll
    void close() {
        source.close();
        marked.close();
        independent.close();
    }

    @Test
    void keyHoldsHalfTrueHalfFalseAdversariesWithOriginalLabels() throws FrontierException {
        assertEquals(40, key.size());
        assertEquals(20, key.trueAdversaries());
        int[] pred = new DjlClassifier(source).predict(key.images());
        int[] labels = key.labels();
        boolean[] kinds = key.trueAdversary();
        for (int i = 0; i < key.size(); i++) {
            assertEquals(kinds[i], pred[i] != labels[i], "key image " + i);
        }
        for (float v : key.images().data()) {
            assertTrue(v >= 0 && v <= 1);
        }
        assertEquals(source.sha256(), key.provenance().sourceModelSha256());
    }

    @Test
    void keyGenerationFailsClearlyWhenAKindFallsShort() {
        KeyGenerator gen = new KeyGenerator(KeyGenerator.Config.builder().optKeySize(40).optEpsilon(1f).optCandidateFactor(1).build());
        FrontierException e = assertThrows(FrontierException.class,
                () -> gen.generate(new DjlClassifier(source), data.train()));
        assertTrue(e.getMessage().contains("false ones"), e.getMessage());
    }

    @Test
    void stitchingGetsEveryKeyImageRight() {
        assertEquals(1.0, report.keyAccuracyAfter());
        assertTrue(report.complete());
        assertTrue(report.keyAccuracyBefore() <= 0.5 + 1e-9);
        assertTrue(report.accuracyDropPoints() < 2.0, "drop " + report.accuracyDropPoints());
        assertEquals(marked.sha256(), report.key().provenance().markedModelSha256());
        var last = marked.metadata().history().get(marked.metadata().history().size() - 1);
        assertEquals("watermark:embed", last.get("op"));
        assertEquals(report.key().commitment(), last.get("keySha256"));
        assertEquals(marked.sha256(), marked.metadata().parametersSha256());
    }

    @Test
    void markedModelVerifies() throws FrontierException {
        Verification v = new Verifier().verify(new DjlClassifier(marked), report.key());
        assertTrue(v.watermarked());
        assertEquals(0, v.mismatches());
        assertEquals(40, v.queries());
        assertEquals(BinomialThresholdValues.THETA_40, v.threshold());
        assertTrue(v.falsePositiveBound() < 0.05);
        assertTrue(v.toJson().contains("\"watermarked\" : true"));
    }

    @Test
    void coinFlippingModelIsNotClaimed() throws FrontierException {
        Verification v = new Verifier().verify(new RandomClassifier(5), report.key());
        assertFalse(v.watermarked(), "m=" + v.mismatches());
    }

    @Test
    void independentModelIsSeparatedByTheEmpiricalThreshold() throws FrontierException {
        Verifier verifier = new Verifier();
        int markedM = verifier.mismatches(new DjlClassifier(marked), report.key());
        EmpiricalThreshold t = verifier.fitEmpirical(List.of(new DjlClassifier(independent)), report.key(), 0);
        assertTrue(t.claims(markedM));
        assertFalse(t.claims(t.nullMismatches()[0]));
        assertNotEquals(0, t.nullMismatches()[0]);
    }

    @Test
    void verificationRejectsAModelOfAnotherShape() {
        Classifier other = new RandomClassifier(1) {
            @Override
            public ImageShape inputShape() {
                return ImageShape.CIFAR;
            }
        };
        FrontierException e = assertThrows(FrontierException.class, () -> new Verifier().verify(other, key));
        assertTrue(e.getMessage().contains("3x32x32"), e.getMessage());
    }

    /** θ for k = 40, p = 0.05. */
    private static final class BinomialThresholdValues {
        static final int THETA_40 = ml.frontier.watermark.stats.BinomialThreshold.threshold(40, 0.05);
    }

    /** Answers uniformly random labels: the null hypothesis of the binomial test made literal. */
    static class RandomClassifier implements Classifier {
        private final Random rng;

        RandomClassifier(long seed) {
            rng = new Random(seed);
        }

        @Override
        public int[] predict(ImageBatch images) {
            int[] out = new int[images.n()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rng.nextInt(10);
            }
            return out;
        }

        @Override
        public ImageShape inputShape() {
            return ImageShape.MNIST;
        }

        @Override
        public int numClasses() {
            return 10;
        }

        @Override
        public String describe() {
            return "random labels";
        }
    }
}
