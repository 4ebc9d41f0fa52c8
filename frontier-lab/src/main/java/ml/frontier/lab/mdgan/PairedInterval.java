package ml.frontier.lab.mdgan;

/**
 * The mean of paired differences with a two-sided 95% Student-t interval (n − 1 degrees of
 * freedom). Differences are per seed, so each pair shares shards and initialisation.
 *
 * @param n number of pairs
 * @param mean mean difference
 * @param low lower end of the 95% interval
 * @param high upper end
 */
public record PairedInterval(int n, double mean, double low, double high) {

    /** t_{0.975, df} for df = 1..30; beyond 30 the normal quantile with a 1/df correction is within 0.01. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
            2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045,
            2.042};

    public static PairedInterval of(double[] differences) {
        int n = differences.length;
        if (n < 2) {
            throw new IllegalArgumentException("a paired interval needs at least 2 pairs, got " + n);
        }
        double mean = 0;
        for (double d : differences) {
            mean += d / n;
        }
        double ss = 0;
        for (double d : differences) {
            ss += (d - mean) * (d - mean);
        }
        double half = t975(n - 1) * Math.sqrt(ss / (n - 1) / n);
        return new PairedInterval(n, mean, mean - half, mean + half);
    }

    static double t975(int df) {
        return df <= T975.length ? T975[df - 1] : 1.96 + 2.4 / df;
    }

    /** Whether the interval lies entirely above (+1) or below (−1) zero, or contains it (0). */
    public int sign() {
        return low > 0 ? 1 : high < 0 ? -1 : 0;
    }
}
