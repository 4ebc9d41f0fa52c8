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
            // bisection returns fewer when too few random directions reach a frontier (the generator asks again)
            assertTrue(m.size() == N || s.equals("bisection") && m.size() >= N / 2, s + ": " + m.size());
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
    }

    /** The white-box strategies end at 1.5 × each marker's own rounding floor: above it, but close. */
    @Test
    void whiteBoxMarkersSitJustAboveTheirRoundingFloor() {
        MarginFloor floor = MarginFloor.defaults();
        for (String s : new String[] {"boundary", "entropy", "bisection", "sensitive"}) {
            MarginSensitivity[] sens = MarginSensitivity.of(model, sets.get(s).images());
            int near = 0;
            for (MarginSensitivity x : sens) {
                double ratio = x.margin() / floor.floor(x);
                near += ratio >= 1 && ratio <= 3 ? 1 : 0;
            }
            assertTrue(near >= sens.length * 0.9, s + ": only " + near + " of " + sens.length + " within 1-3 x the floor");
        }
    }

    /** Ranked by margin / ‖∂m/∂θ‖, sensitive markers are closer to flipping in weight space than random images. */
    @Test
    void sensitiveMarkersHaveSmallWeightSpaceMargins() {
        float[] sensitive = weightSpace(sets.get("sensitive"));
        float[] random = weightSpace(sets.get("random"));
        System.out.printf("median weight-space margin: sensitive %.5f, random %.5f%n", Margins.median(sensitive),
                Margins.median(random));
        assertTrue(Margins.median(sensitive) < Margins.median(random) / 10);
    }

    private static float[] weightSpace(MarkerSet m) {
        MarginSensitivity[] s = MarginSensitivity.of(model, m.images());
        float[] out = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = (float) s[i].weightSpaceMargin();
        }
        return out;
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
        MarkerSet raw = MarkerStrategies.byName("bisection").generate(labelOnly, pool, 20, 5);
        assertTrue(raw.size() >= 10 && raw.size() % 2 == 0, "pairs: " + raw.size());
        for (int p = 0; p + 1 < raw.size(); p += 2) {
            assertTrue(raw.labels()[p] != raw.labels()[p + 1], "the two ends of pair " + p / 2 + " share a label");
            assertTrue(distance(raw.images(), p, raw.images(), p + 1) <= 0.0101, "pair " + p / 2 + " too far apart");
            double nearest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < pool.n(); i++) {
                nearest = Math.min(nearest, distance(raw.images(), p, pool, i));
            }
            assertTrue(nearest <= 8.0, "marker " + p + " is " + nearest + " from every natural image");
        }
        MarkerSet m = new MarkerGenerator(MarkerStrategies.byName("bisection"), Progress.silent())
                .generate(labelOnly, pool, 20, 5);
        assertEquals(20, m.size());
        assertArrayEquals(clf.predict(m.images()), m.labels());
        assertTrue(Margins.median(Margins.of(clf.logits(m.images()), 10)) < 0.5);
        assertTrue(m.acceptance().floor() == null, "no floor can be applied label-only");
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

    private static double distance(ImageBatch a, int i, ImageBatch b, int j) {
        double d = 0;
        float[] x = a.image(i);
        float[] y = b.image(j);
        for (int k = 0; k < x.length; k++) {
            d += (x[k] - y[k]) * (double) (x[k] - y[k]);
        }
        return Math.sqrt(d);
    }
}
