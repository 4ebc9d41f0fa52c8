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

    /** Two checks without a seed query different markers; a ledger never lets a marker be sent twice. */
    @Test
    void secureOrderDiffersAndTheLedgerRetiresRevealedMarkers(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        TamperCheck a = TamperCheck.secure(10, 1);
        TamperCheck b = TamperCheck.secure(10, 1);
        org.junit.jupiter.api.Assertions.assertNotEquals(a.seed(), b.seed());
        java.nio.file.Path file = dir.resolve("m.markers");
        MarkerFile.write(markers(50), file);
        MarkerSet m = MarkerFile.read(file);
        java.util.Set<Integer> sent = new java.util.HashSet<>();
        java.util.List<Integer> order = new java.util.ArrayList<>();
        Classifier spy = new ml.frontier.core.classifier.ForwardingClassifier(fake(50, -1)) {
            @Override
            public int[] predict(ImageBatch images) throws ml.frontier.core.FrontierException {
                for (int i = 0; i < images.n(); i++) {
                    int idx = Math.round(images.data()[i * 4] * 50);
                    assertTrue(sent.add(idx), "marker " + idx + " was sent twice");
                    order.add(idx);
                }
                return super.predict(images);
            }
        };
        for (int run = 0; run < 5; run++) {
            TamperReport r = TamperCheck.secure(10, 3).check(spy, m, MarkerLedger.open(file));
            assertFalse(r.tampered());
            assertEquals(50 - 10 * run, r.unrevealed());
            assertEquals(10 * (run + 1), MarkerLedger.open(file).revealed().size());
        }
        assertEquals(50, sent.size());
        ml.frontier.core.FrontierException e = assertThrows(ml.frontier.core.FrontierException.class,
                () -> TamperCheck.secure(10, 1).check(spy, m, MarkerLedger.open(file)));
        assertTrue(e.getMessage().contains("revealed"), e.getMessage());
        // the first ten sent by two secure checks are almost surely not the same ten
        assertFalse(order.subList(0, 10).equals(order.subList(10, 20)));
    }

    @Test
    void aLedgerOfAnotherMarkerFileIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("a.markers");
        MarkerFile.write(markers(20), f);
        MarkerLedger.open(f).retire(new int[] {1, 2});
        MarkerFile.write(markers(21), f);
        ml.frontier.core.FrontierException e = assertThrows(ml.frontier.core.FrontierException.class, () -> MarkerLedger.open(f));
        assertTrue(e.getMessage().contains("another marker file"), e.getMessage());
        java.nio.file.Files.writeString(MarkerLedger.pathFor(f), "{not json");
        assertThrows(ml.frontier.core.FrontierException.class, () -> MarkerLedger.open(f));
    }

    @Test
    void aServerAnsweringTheWrongNumberOfLabelsIsAnError() {
        Classifier shortAnswers = new ml.frontier.core.classifier.ForwardingClassifier(fake(50, -1)) {
            @Override
            public int[] predict(ImageBatch images) throws ml.frontier.core.FrontierException {
                return java.util.Arrays.copyOf(super.predict(images), images.n() - 1);
            }
        };
        ml.frontier.core.FrontierException e = assertThrows(ml.frontier.core.FrontierException.class,
                () -> new TamperCheck(10, 1, 4).check(shortAnswers, markers(50)));
        assertTrue(e.getMessage().contains("answered 3 labels for 4 images"), e.getMessage());
    }

    @Test
    void queriesForTheWantedProbability() {
        assertEquals(-1, DetectionCurve.queriesFor(100, 0, 0.99));
        assertEquals(1, DetectionCurve.queriesFor(100, 100, 0.99));
        int q = DetectionCurve.queriesFor(100, 37, 0.99);
        assertTrue(DetectionCurve.probability(100, 37, q) >= 0.99 && DetectionCurve.probability(100, 37, q - 1) < 0.99);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TamperCheck(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new TamperCheck(5, 1, 0));
    }
}
