package ml.frontier.tamper;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.testing.TestModels;
import ml.frontier.tamper.strategy.BoundaryStrategy;
import ml.frontier.tamper.strategy.MarkerStrategies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategiesTest {

    static final int N = 20;
    static NetworkModel model;
    static DjlClassifier clf;
    static ImageBatch pool;
    static final Map<String, MarkerSet> sets = new HashMap<>();

    @BeforeAll
    static void setUp() throws FrontierException {
        model = SharedModel.mlp();
        clf = new DjlClassifier(model);
        pool = TestModels.test(400).images();
        for (String s : MarkerStrategies.NAMES) {
            sets.put(s, MarkerStrategies.byName(s).generate(clf, pool, N, 7));
        }
    }

    @Test
    void everyStrategyMakesNMarkersLabelledByTheModel() throws FrontierException {
        for (String s : MarkerStrategies.NAMES) {
            MarkerSet m = sets.get(s);
            assertEquals(N, m.size(), s);
            assertEquals(ImageShape.MNIST, m.images().shape(), s);
            assertEquals(s, m.strategy());
            assertArrayEquals(clf.predict(m.images()), m.labels(), s);
            for (float v : m.images().data()) {
                assertTrue(v >= 0f && v <= 1f, s + " pixel out of [0,1]: " + v);
            }
        }
    }

    @Test
    void frontierStrategiesHaveSmallerMarginsThanRandom() throws FrontierException {
        double random = Margins.median(Margins.of(clf.logits(sets.get("random").images()), 10));
        for (String s : new String[] {"boundary", "entropy", "bisection"}) {
            double m = Margins.median(Margins.of(clf.logits(sets.get(s).images()), 10));
            System.out.printf("median margin %s %.4f vs random %.4f%n", s, m, random);
            assertTrue(m < random / 5, s + " median margin " + m + " vs random " + random);
        }
        double sensitive = Margins.median(Margins.of(clf.logits(sets.get("sensitive").images()), 10));
        System.out.printf("median margin sensitive %.4f vs random %.4f%n", sensitive, random);
        float[] bm = Margins.of(clf.logits(sets.get("boundary").images()), 10);
        BoundaryStrategy b = BoundaryStrategy.defaults();
        for (float v : bm) {
            assertTrue(v >= b.minMargin() - 1e-4 && v <= b.maxMargin() + 1e-4, "boundary margin " + v + " outside bounds");
        }
    }

    @Test
    void bisectionWorksThroughALabelOnlyClassifier() throws FrontierException {
        Classifier labelOnly = new Classifier() {
            @Override
            public int[] predict(ImageBatch images) throws FrontierException {
                return clf.predict(images);
            }

            @Override
            public ImageShape inputShape() {
                return clf.inputShape();
            }

            @Override
            public int numClasses() {
                return 10;
            }

            @Override
            public String describe() {
                return "label-only";
            }
        };
        MarkerSet m = new MarkerGenerator(MarkerStrategies.byName("bisection"), Progress.silent())
                .generate(labelOnly, pool, 20, 5);
        assertEquals(20, m.size());
        assertArrayEquals(clf.predict(m.images()), m.labels());
        assertTrue(Margins.median(Margins.of(clf.logits(m.images()), 10)) < 0.5);
    }

    @Test
    void gradientStrategiesRefuseALabelOnlyClassifier() {
        Classifier labelOnly = new Classifier() {
            @Override
            public int[] predict(ImageBatch images) {
                return new int[images.n()];
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
                return "label-only";
            }
        };
        FrontierException e = org.junit.jupiter.api.Assertions.assertThrows(FrontierException.class,
                () -> MarkerStrategies.byName("boundary").generate(labelOnly, pool, 5, 1));
        assertTrue(e.getMessage().contains("white-box"));
    }
}
