package ml.frontier.watermark.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinomialThresholdTest {

    @Test
    void thresholdsMatchThePublishedTable() {
        assertEquals(42, BinomialThreshold.threshold(100, 0.05));
        assertEquals(38, BinomialThreshold.threshold(100, 0.01));
        assertEquals(6, BinomialThreshold.threshold(20, 0.05));
        assertEquals(2, BinomialThreshold.threshold(10, 0.05));
        assertEquals(19, BinomialThreshold.threshold(50, 0.05));
        assertEquals(88, BinomialThreshold.threshold(200, 0.05));
        assertEquals(474, BinomialThreshold.threshold(1000, 0.05));
        assertEquals(463, BinomialThreshold.threshold(1000, 0.01));
    }

    @Test
    void falsePositiveRatesAreExactAndBelowP() {
        assertEquals(0.0443, BinomialThreshold.falsePositiveRate(100, 42), 5e-5);
        assertEquals(0.0107, BinomialThreshold.falsePositiveRate(10, 2), 5e-5);
        assertEquals(0.0207, BinomialThreshold.falsePositiveRate(20, 6), 5e-5);
        assertEquals(0.0325, BinomialThreshold.falsePositiveRate(50, 19), 5e-5);
        assertEquals(0.0384, BinomialThreshold.falsePositiveRate(200, 88), 5e-5);
        assertEquals(0.0468, BinomialThreshold.falsePositiveRate(1000, 474), 5e-5);
        // the buggy 43 of one public port exceeds p
        assertTrue(BinomialThreshold.falsePositiveRate(100, 43) > 0.05);
        assertEquals(0, BinomialThreshold.falsePositiveRate(100, 0));
    }

    @Test
    void noUnderflowForLargeKeys() {
        int theta = BinomialThreshold.threshold(5000, 0.05);
        double fpr = BinomialThreshold.falsePositiveRate(5000, theta);
        assertTrue(fpr < 0.05 && fpr > 0.04, "fpr " + fpr);
        assertTrue(BinomialThreshold.cdf(5000, 10) >= 0);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> BinomialThreshold.threshold(0, 0.05));
        assertThrows(IllegalArgumentException.class, () -> BinomialThreshold.threshold(100, 1.5));
    }
}
