package ml.frontier.tamper;

/**
 * The probability that a {@link TamperCheck} with one marker per query catches a model on which
 * {@code moved} of {@code markers} markers changed label, within {@code queries} queries, averaged
 * over the random query order: {@code 1 − C(markers − moved, q) / C(markers, q)}.
 */
public final class DetectionCurve {

    private DetectionCurve() {}

    public static double probability(int markers, int moved, int queries) {
        if (moved < 0 || moved > markers || queries < 0) {
            throw new IllegalArgumentException("need 0 <= moved <= markers and queries >= 0");
        }
        int q = Math.min(queries, markers);
        double miss = 1.0;
        for (int i = 0; i < q; i++) {
            miss *= (double) (markers - moved - i) / (markers - i);
            if (miss <= 0) {
                return 1.0;
            }
        }
        return 1.0 - miss;
    }

    /** The fewest queries that catch the model with probability {@code p}, or -1 when no marker moved. */
    public static int queriesFor(int markers, int moved, double p) {
        if (moved == 0) {
            return -1;
        }
        for (int q = 1; q <= markers; q++) {
            if (probability(markers, moved, q) >= p) {
                return q;
            }
        }
        return markers;
    }

    /** For each marker, whether its label under {@code observed} differs from the expected one; returns the count. */
    public static int moved(int[] expected, int[] observed) {
        if (expected.length != observed.length) {
            throw new IllegalArgumentException(expected.length + " expected labels but " + observed.length + " observed");
        }
        int n = 0;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != observed[i]) {
                n++;
            }
        }
        return n;
    }
}
