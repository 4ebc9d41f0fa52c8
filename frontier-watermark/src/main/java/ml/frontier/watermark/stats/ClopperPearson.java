package ml.frontier.watermark.stats;

/**
 * Exact (Clopper–Pearson) one-sided confidence bounds for a rate observed as {@code x} events in
 * {@code n} independent trials: at confidence {@code c} the upper bound {@code u} solves
 * P(X ≤ x | n, u) = 1 − c and the lower bound {@code l} solves P(X ≥ x | n, l) = 1 − c, found by
 * bisection on the exact binomial tail (in log space, so n may be large). The two-sided 95%
 * interval is [lower(x, n, 0.975), upper(x, n, 0.975)]. With x = 0 the upper bound is
 * 1 − (1 − c)^(1/n): 0 false claims in 300 checks bound the rate at 0.99% (95%, one-sided).
 */
public final class ClopperPearson {

    private ClopperPearson() {}

    /** The one-sided upper bound at confidence {@code confidence} (e.g. 0.95). */
    public static double upper(int x, int n, double confidence) {
        check(x, n, confidence);
        if (x == n) {
            return 1;
        }
        double tail = 1 - confidence;
        double lo = (double) x / n, hi = 1;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (cdf(x, n, mid) > tail) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** The one-sided lower bound at confidence {@code confidence}. */
    public static double lower(int x, int n, double confidence) {
        check(x, n, confidence);
        if (x == 0) {
            return 0;
        }
        double tail = 1 - confidence;
        double lo = 0, hi = (double) x / n;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            // P(X >= x | mid) = 1 - P(X <= x-1 | mid)
            if (1 - cdf(x - 1, n, mid) < tail) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** P(X ≤ x) for X ~ Binomial(n, q). */
    static double cdf(int x, int n, double q) {
        if (q <= 0) {
            return 1;
        }
        if (q >= 1) {
            return x >= n ? 1 : 0;
        }
        double lq = Math.log(q), l1q = Math.log1p(-q);
        double logC = 0; // log C(n, 0)
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[x + 1];
        for (int i = 0; i <= x; i++) {
            if (i > 0) {
                logC += Math.log(n - i + 1) - Math.log(i);
            }
            terms[i] = logC + i * lq + (n - i) * l1q;
            max = Math.max(max, terms[i]);
        }
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return Math.min(1, Math.exp(max) * sum);
    }

    private static void check(int x, int n, double confidence) {
        if (n <= 0 || x < 0 || x > n) {
            throw new IllegalArgumentException("need 0 <= x <= n and n > 0, got x=" + x + ", n=" + n);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0,1), got " + confidence);
        }
    }
}
