package ml.frontier.watermark.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClopperPearsonTest {

    @Test
    void zeroEventsHaveTheClosedFormUpperBound() {
        for (int n : new int[] {10, 100, 300, 1000}) {
            double closed = 1 - Math.pow(0.05, 1.0 / n);
            assertEquals(closed, ClopperPearson.upper(0, n, 0.95), 1e-9, "n=" + n);
            assertEquals(0, ClopperPearson.lower(0, n, 0.95));
        }
        // the figures PAPERS.md quotes: 0 in 300 -> 1.0%, 0 in 100 -> 2.95% (95%, one-sided)
        assertTrue(ClopperPearson.upper(0, 300, 0.95) <= 0.01);
        assertEquals(0.0295, ClopperPearson.upper(0, 100, 0.95), 1e-4);
    }

    @Test
    void knownIntervalsFromTables() {
        // x = 5, n = 20: the standard exact two-sided 95% interval is [0.0866, 0.4910]
        assertEquals(0.0866, ClopperPearson.lower(5, 20, 0.975), 1e-4);
        assertEquals(0.4910, ClopperPearson.upper(5, 20, 0.975), 1e-4);
        assertEquals(1, ClopperPearson.upper(7, 7, 0.95));
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.upper(5, 4, 0.95));
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.upper(0, 0, 0.95));
    }
}
