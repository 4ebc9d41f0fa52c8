package ml.frontier.lab.tamper;

/**
 * Detection of one attack on one network by one strategy, averaged over attacked copies.
 *
 * @param net network label
 * @param attack attack name
 * @param strategy marker strategy
 * @param copies attacked copies measured (0 when the attack did not run)
 * @param movedMean mean number of markers (of {@code markers}) whose label moved
 * @param accuracyAfter mean test accuracy of the attacked copies
 * @param detection P(detect) at each of {@link TamperLabConfig#QUERIES}, averaged over copies and query orders
 * @param curve P(detect) within n = 1…100 queries, averaged over copies and query orders
 * @param worstCopyAt10 the smallest P(detect within 10) of any single copy (the spread over copies)
 * @param movedMin the fewest markers moved on any copy
 * @param note why the cell did not run ("" when it did)
 */
public record DetectionRow(String net, String attack, String strategy, int copies, double movedMean,
                           double accuracyAfter, double[] detection, double[] curve, double worstCopyAt10,
                           int movedMin, String note) {

    /** The fewest queries whose mean P(detect) reaches {@code p}, or -1 when 100 do not. */
    public int queriesFor(double p) {
        for (int n = 0; n < curve.length; n++) {
            if (curve[n] >= p) {
                return n + 1;
            }
        }
        return -1;
    }

    /** P(detect) within {@code queries} (one of {@link TamperLabConfig#QUERIES}). */
    public double at(int queries) {
        for (int i = 0; i < TamperLabConfig.QUERIES.length; i++) {
            if (TamperLabConfig.QUERIES[i] == queries) {
                return detection[i];
            }
        }
        throw new IllegalArgumentException("no detection figure at " + queries + " queries");
    }

    public boolean ran() {
        return copies > 0;
    }
}
