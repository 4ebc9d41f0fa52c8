package ml.frontier.tamper;

import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.CountingClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TamperCheckTest {

    /** Markers whose first pixel encodes their index; the fake model answers the label, except for one. */
    static MarkerSet markers(int n) {
        float[] px = new float[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            px[i * 4] = i / (float) n;
            labels[i] = i % 10;
        }
        return MarkerSet.of(ImageBatch.of(px, n, new ImageShape(1, 2, 2)), labels, "random", Map.of(), 1);
    }

    static Classifier fake(int n, int wrong) {
        return new Classifier() {
            @Override
            public int[] predict(ImageBatch images) {
                int[] out = new int[images.n()];
                for (int i = 0; i < images.n(); i++) {
                    int idx = Math.round(images.data()[i * 4] * n);
                    out[i] = idx == wrong ? (idx % 10 + 1) % 10 : idx % 10;
                }
                return out;
            }

            @Override
            public ImageShape inputShape() {
                return new ImageShape(1, 2, 2);
            }

            @Override
            public int numClasses() {
                return 10;
            }

            @Override
            public String describe() {
                return "fake";
            }
        };
    }

    @Test
    void stopsAtTheFirstMovedMarkerAndCountsQueries() throws Exception {
        MarkerSet m = markers(50);
        int[] order = ml.frontier.core.data.Dataset.permutation(50, new java.util.Random(7));
        int wrong = order[6];
        CountingClassifier c = new CountingClassifier(fake(50, wrong));
        TamperReport r = new TamperCheck(30, 7, 1).check(c, m);
        assertTrue(r.tampered());
        assertEquals(7, r.queries());
        assertEquals(7, c.queries());
        assertEquals(1, r.moved().size());
        assertEquals(wrong, r.moved().get(0).marker());
        assertEquals(m.labels()[wrong], r.moved().get(0).expected());
        assertEquals("tampered", r.asMap().get("verdict"));
    }

    @Test
    void intactModelSpendsTheWholeBudget() throws Exception {
        CountingClassifier c = new CountingClassifier(fake(50, -1));
        TamperReport r = new TamperCheck(10, 3, 1).check(c, markers(50));
        assertFalse(r.tampered());
        assertEquals(10, r.queries());
        assertEquals(10, c.queries());
        TamperReport all = new TamperCheck(500, 3, 16).check(fake(50, -1), markers(50));
        assertEquals(50, all.queries());
        assertEquals(50, all.budget());
    }

    @Test
    void batchedCheckStopsAfterTheBatchWithTheMovedMarker() throws Exception {
        int[] order = ml.frontier.core.data.Dataset.permutation(50, new java.util.Random(2));
        TamperReport r = new TamperCheck(50, 2, 8).check(fake(50, order[9]), markers(50));
        assertTrue(r.tampered());
        assertEquals(16, r.queries());
    }

    @Test
    void detectionCurveMatchesTheHypergeometricFormula() {
        assertEquals(0.0, DetectionCurve.probability(100, 0, 10));
        assertEquals(1.0, DetectionCurve.probability(100, 100, 1));
        assertEquals(0.5, DetectionCurve.probability(100, 50, 1), 1e-12);
        assertEquals(1 - (50.0 / 100) * (49.0 / 99), DetectionCurve.probability(100, 50, 2), 1e-12);
        assertEquals(1.0, DetectionCurve.probability(10, 1, 10), 1e-12);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TamperCheck(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new TamperCheck(5, 1, 0));
    }
}
