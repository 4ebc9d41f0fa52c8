package ml.frontier.watermark.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmpiricalThresholdTest {

    @Test
    void alphaZeroIsTheSmallestNullCount() {
        EmpiricalThreshold t = EmpiricalThreshold.fit(new int[] {20, 5, 17, 9}, 0);
        assertEquals(5, t.threshold());
        assertEquals(0, t.nullsClaimed());
        assertTrue(t.claims(4));
        assertFalse(t.claims(5));
    }

    @Test
    void alphaAllowsAShareOfNullsBelow() {
        EmpiricalThreshold t = EmpiricalThreshold.fit(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.2);
        assertEquals(3, t.threshold());
        assertEquals(2, t.nullsClaimed());
    }

    @Test
    void needsNullModels() {
        assertThrows(IllegalArgumentException.class, () -> EmpiricalThreshold.fit(new int[0], 0));
        assertThrows(IllegalArgumentException.class, () -> EmpiricalThreshold.fit(new int[] {1}, 1));
    }
}
