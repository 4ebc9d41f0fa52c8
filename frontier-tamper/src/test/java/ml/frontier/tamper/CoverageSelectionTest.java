package ml.frontier.tamper;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CoverageSelectionTest {

    /**
     * Candidates 0–5 move only on copy A, 6–7 only on copy B, 8 on nothing: with four markers and a
     * target of two per copy, greedy coverage takes two of each instead of the four A-markers that a
     * "most moved" ranking would pick.
     */
    @Test
    void spreadsMarkersOverCopiesUpToTheTarget() {
        int[] expected = new int[9];
        int[] a = {1, 1, 1, 1, 1, 1, 0, 0, 0};
        int[] b = {0, 0, 0, 0, 0, 0, 1, 1, 0};
        int[] chosen = CoverageSelection.choose(expected, List.of(a, b), 4, 2);
        assertEquals(4, chosen.length);
        int onA = 0;
        int onB = 0;
        for (int i : chosen) {
            onA += a[i];
            onB += b[i];
        }
        assertEquals(2, onA);
        assertEquals(2, onB);
        assertEquals(9, java.util.Arrays.stream(CoverageSelection.choose(expected, List.of(a, b), 9, 2)).distinct().count());
    }

    @Test
    void fillsWithTheMostMovedOnceNothingAddsCoverage() {
        int[] expected = new int[4];
        int[] a = {0, 1, 1, 0};
        int[] b = {0, 0, 1, 0};
        int[] chosen = CoverageSelection.choose(expected, List.of(a, b), 3, 1);
        assertEquals(2, chosen[0], "the marker moving on both copies first");
        assertEquals(1, chosen[1], "then the one that moved at least once");
    }
}
