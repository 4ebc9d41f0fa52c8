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
import ml.frontier.watermark.stats.BinomialThreshold;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key generation, stitching and verification on real small MNIST models, and the coin null. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatermarkTest {

    private static final int K = 40;

    private TrainTest data;
    private NetworkModel source;
    private NetworkModel marked;
    private NetworkModel independent;
    private WatermarkKey key;

    @BeforeAll
    void embed() throws FrontierException {
        data = new TrainTest(TestModels.train(4000), TestModels.test(1000));
        source = TestModels.mlp(1);
        independent = TestModels.mlp(7);
        marked = source.copy();
        FrontierStitching.Marking mk = new FrontierStitching(coinConfig(11L).build(), Embedder.Config.builder().build(),
                Progress.silent()).mark(marked, data);
        key = mk.key();
    }

    private static KeyGenerator.Config.Builder coinConfig(Long coinSeed) {
        return KeyGenerator.Config.builder().optKeySize(K).optEpsilon(0.1f).optSeed(3).optP(0.05).optCoinSeed(coinSeed);
    }

    @AfterAll
    void close() {
        source.close();
        marked.close();
        independent.close();
    }

    @Test
    void coinKeyCountsTrueAdversariesLabelledByCoinAndKeepsFalseOnesAsAnchors() throws FrontierException {
        assertEquals(KeyScheme.COIN, key.scheme());
        assertEquals(K, key.countedSize());
        assertEquals(K / 2, key.anchors());
        int[] pred = new DjlClassifier(source).predict(key.images());
        int[] labels = key.labels(), y = key.originalLabels(), a = key.sourceAnswers();
        boolean[] counted = key.counted();
        for (int i = 0; i < key.size(); i++) {
            assertEquals(a[i], pred[i], "the source answer is recorded for image " + i);
            assertEquals(counted[i], a[i] != y[i], "counted iff a true adversary, image " + i);
            assertTrue(labels[i] == y[i] || labels[i] == a[i], "the label is y or a, image " + i);
        }
        // the coins split the counted images: both labels occur (P(all one way) = 2^-39)
        assertTrue(key.stitchedBack() > 0 && key.stitchedBack() < K, "stitched back " + key.stitchedBack());
        for (float v : key.images().data()) {
            assertTrue(v >= 0 && v <= 1);
        }
        assertEquals(source.sha256(), key.provenance().sourceModelSha256());
        assertEquals("seeded:11", key.provenance().coins());
    }

    @Test
    void coinsDoNotInfluenceWhichImagesAreChosen() throws FrontierException {
        WatermarkKey a = new KeyGenerator(coinConfig(100L).build()).generate(new DjlClassifier(source), data.train());
        WatermarkKey b = new KeyGenerator(coinConfig(null).build()).generate(new DjlClassifier(source), data.train());
        assertEquals(a.images(), b.images());
        assertArrayEquals(a.originalLabels(), b.originalLabels());
        assertArrayEquals(a.sourceAnswers(), b.sourceAnswers());
        assertArrayEquals(a.counted(), b.counted());
        assertEquals("secure-random", b.provenance().coins());
        assertNotEquals(a.commitment(), b.commitment(), "fresh coins give another key (P(equal) = 2^-40)");
    }

    @Test
    void keyGenerationFailsClearlyWhenAKindFallsShortAndCoinKeysTakeTheAnchorsThereAre() throws FrontierException {
        KeyGenerator tiny = new KeyGenerator(coinConfig(1L).optEpsilon(0.001f).optCandidateFactor(1).build());
        FrontierException e = assertThrows(FrontierException.class,
                () -> tiny.generate(new DjlClassifier(source), data.train()));
        assertTrue(e.getMessage().contains("try a larger eps"), e.getMessage());
        KeyGenerator paperHuge = new KeyGenerator(KeyGenerator.Config.builder().optScheme(KeyScheme.PAPER).optKeySize(K)
                .optEpsilon(1f).optCandidateFactor(1).build());
        FrontierException p = assertThrows(FrontierException.class,
                () -> paperHuge.generate(new DjlClassifier(source), data.train()));
        assertTrue(p.getMessage().contains("false ones") && p.getMessage().contains("smaller eps"), p.getMessage());
        // a coin key counts only true adversaries: at a large eps it takes the few anchors FGSM leaves
        WatermarkKey coin = new KeyGenerator(coinConfig(1L).optEpsilon(1f).optCandidateFactor(1).build())
                .generate(new DjlClassifier(source), data.train());
        assertEquals(K, coin.countedSize());
        assertTrue(coin.anchors() < K / 2, "anchors " + coin.anchors());
    }

    @Test
    void stitchingGetsEveryKeyImageRight() {
        assertEquals(marked.sha256(), key.provenance().markedModelSha256());
        var last = marked.metadata().history().get(marked.metadata().history().size() - 1);
        assertEquals("watermark:embed", last.get("op"));
        assertEquals(key.commitment(), last.get("keySha256"));
        assertEquals("coin", last.get("scheme"));
        assertEquals(1.0, ((Number) last.get("keyAccuracy")).doubleValue());
        double drop = 100 * (((Number) last.get("testAccuracyBefore")).doubleValue()
                - ((Number) last.get("testAccuracyAfter")).doubleValue());
        assertTrue(drop < 2.0, "drop " + drop);
        assertEquals(marked.sha256(), marked.metadata().parametersSha256());
    }

    @Test
    void markedModelIsClaimedWithATinyPValueAndAnchorsAreNotSent() throws FrontierException {
        Verification v = new Verifier().verify(new DjlClassifier(marked), key);
        assertEquals(DecisionRule.BINOMIAL, v.rule());
        assertTrue(v.watermarked());
        assertEquals(0, v.mismatches());
        assertEquals(K, v.queries());
        assertEquals(K / 2, v.anchors());
        assertEquals(15, v.threshold()); // θ(40, 0.05), computed independently
        assertEquals(0.0403, v.falseClaimBound(), 1e-4);
        assertTrue(v.pValue() < 1e-6, "p " + v.pValue());
        assertTrue(v.toJson().contains("\"watermarked\" : true"));
        assertTrue(v.guarantee().contains("any architecture"), v.guarantee());
    }

    @Test
    void independentlyTrainedModelIsNotClaimed() throws FrontierException {
        Verification v = new Verifier().verify(new DjlClassifier(independent), key);
        assertFalse(v.watermarked(), "m=" + v.mismatches());
        assertTrue(v.mismatches() >= v.threshold());
    }

    /**
     * The soundness argument made concrete: whatever an unrelated model answers on the chosen
     * images, over the draw of the coins its claim rate stays below the binomial bound.
     */
    @Test
    void overTheCoinsAnUnrelatedModelIsClaimedNoMoreOftenThanTheBound() throws FrontierException {
        int[] answers = Verifier.query(new DjlClassifier(independent), key).answers();
        int[] idx = key.countedIndices();
        int[] y = key.originalLabels(), a = key.sourceAnswers();
        int theta = BinomialThreshold.threshold(K, 0.05);
        Random coins = new Random(5);
        int trials = 20000, claims = 0;
        long sumM = 0;
        for (int t = 0; t < trials; t++) {
            int m = 0;
            for (int j = 0; j < idx.length; j++) {
                int label = coins.nextBoolean() ? y[idx[j]] : a[idx[j]];
                m += answers[j] != label ? 1 : 0;
            }
            sumM += m;
            claims += m < theta ? 1 : 0;
        }
        double bound = BinomialThreshold.falsePositiveRate(K, theta);
        double rate = (double) claims / trials;
        // 4 standard errors of slack around the exact bound
        assertTrue(rate <= bound + 4 * Math.sqrt(bound * (1 - bound) / trials), "rate " + rate + " bound " + bound);
        assertTrue((double) sumM / trials >= K / 2.0 - 0.2, "mean m " + (double) sumM / trials);
        // and a model that answers at random is not claimed either
        assertFalse(new Verifier().verify(new RandomClassifier(5), key).watermarked());
    }

    @Test
    void paperKeysHaveNoSoundDefaultRule() throws FrontierException {
        WatermarkKey paper = new KeyGenerator(KeyGenerator.Config.builder().optScheme(KeyScheme.PAPER).optKeySize(K)
                .optEpsilon(0.1f).optSeed(3).optP(0.05).build()).generate(new DjlClassifier(source), data.train());
        assertEquals(K, paper.countedSize());
        assertEquals(K / 2, paper.trueAdversaries());
        assertArrayEquals(paper.originalLabels(), paper.labels());
        Verifier verifier = new Verifier();
        Classifier suspect = new DjlClassifier(independent);
        FrontierException none = assertThrows(FrontierException.class, () -> verifier.verify(suspect, paper));
        assertTrue(none.getMessage().contains("--rule paper"), none.getMessage());
        assertThrows(FrontierException.class, () -> verifier.verify(suspect, paper, DecisionRule.BINOMIAL, null));
        Verification v = verifier.verify(suspect, paper, DecisionRule.PAPER, null);
        assertTrue(v.guarantee().startsWith("NOT VALIDATED"), v.guarantee());
        // the reason: an unrelated good model answers the false adversaries correctly, so m is far below k/2
        assertTrue(v.mismatches() < K / 2, "m=" + v.mismatches());
    }

    @Test
    void conformalRuleComparesWithReferenceModels() throws Exception {
        List<NetworkModel> refs = new ArrayList<>();
        try {
            List<Classifier> clfs = new ArrayList<>();
            for (int s = 20; s < 24; s++) {
                NetworkModel m = TestModels.mlp(s);
                refs.add(m);
                clfs.add(new DjlClassifier(m));
            }
            ReferenceSet set = ReferenceSet.measure(key, clfs, "mlp hidden 64, 2 epochs, seeds 20-23");
            assertEquals(4, set.size());
            assertEquals(0.2, set.minimumPValue(), 1e-12);
            Verifier verifier = new Verifier(0.2);
            Verification markedV = verifier.verify(new DjlClassifier(marked), key, DecisionRule.CONFORMAL, set);
            assertEquals(0.2, markedV.pValue(), 1e-12, "no reference has m <= 0");
            assertTrue(markedV.watermarked());
            int[] refM = set.mismatches(key);
            int maxRef = java.util.Arrays.stream(refM).max().getAsInt();
            Verification high = verifier.decide("suspect", key, maxRef, 0, DecisionRule.CONFORMAL, set);
            assertEquals(1.0, high.pValue(), 1e-12);
            assertFalse(high.watermarked());
            java.nio.file.Path f = java.nio.file.Files.createTempFile("refs", ".zip");
            set.write(f);
            ReferenceSet back = ReferenceSet.read(f);
            assertArrayEquals(refM, back.mismatches(key));
            WatermarkKey other = key.withP(0.01).withMarkedModel("ff");
            assertEquals(key.commitment(), other.commitment(), "p and provenance are not part of the key");
            WatermarkKey paper = new KeyGenerator(KeyGenerator.Config.builder().optScheme(KeyScheme.PAPER).optKeySize(K)
                    .optSeed(4).build()).generate(new DjlClassifier(source), data.train());
            FrontierException e = assertThrows(FrontierException.class, () -> back.pValue(paper, 0));
            assertTrue(e.getMessage().contains("belongs to key"), e.getMessage());
            java.nio.file.Files.delete(f);
        } finally {
            refs.forEach(NetworkModel::close);
        }
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

    /** Answers uniformly random labels. */
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
