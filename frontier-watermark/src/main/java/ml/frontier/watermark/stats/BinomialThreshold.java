package ml.frontier.watermark.stats;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * The binomial decision rule of frontier stitching, computed exactly.
 *
 * <p>Under the null hypothesis (the suspect model is not derived from the marked one) each of the
 * {@code k} key answers matches the key label like a fair coin, so the number of mismatches is
 * {@code Z ~ Binomial(k, 1/2)}. The model is declared watermarked when {@code m < θ}, where
 * {@code θ = min{z : 2^-k Σ_{i≤z} C(k,i) ≥ p}}; the probability of a false claim is then
 * {@code P(Z ≤ θ−1) < p}. Sums are exact {@link BigInteger}s compared with {@code p·2^k} as a
 * {@link BigDecimal}, so nothing underflows for large {@code k}: θ(100, 0.05) = 42 with
 * P(Z ≤ 41) = 0.0443, θ(1000, 0.05) = 474.
 */
public final class BinomialThreshold {

    private BinomialThreshold() {}

    /** θ for {@code k} key images and significance {@code p} in (0, 1). */
    public static int threshold(int k, double p) {
        check(k, p);
        BigDecimal target = new BigDecimal(BigInteger.ONE.shiftLeft(k)).multiply(BigDecimal.valueOf(p));
        BigInteger binom = BigInteger.ONE;
        BigInteger sum = BigInteger.ZERO;
        for (int z = 0; z <= k; z++) {
            if (z > 0) {
                binom = binom.multiply(BigInteger.valueOf(k - z + 1)).divide(BigInteger.valueOf(z));
            }
            sum = sum.add(binom);
            if (new BigDecimal(sum).compareTo(target) >= 0) {
                return z;
            }
        }
        return k;
    }

    /** P(Z ≤ z) for Z ~ Binomial(k, 1/2), exact then rounded to a double; 0 for z &lt; 0. */
    public static double cdf(int k, int z) {
        if (k <= 0) {
            throw new IllegalArgumentException("key size must be positive, got " + k);
        }
        if (z < 0) {
            return 0;
        }
        if (z >= k) {
            return 1;
        }
        BigInteger binom = BigInteger.ONE;
        BigInteger sum = BigInteger.ONE;
        for (int i = 1; i <= z; i++) {
            binom = binom.multiply(BigInteger.valueOf(k - i + 1)).divide(BigInteger.valueOf(i));
            sum = sum.add(binom);
        }
        return new BigDecimal(sum).divide(new BigDecimal(BigInteger.ONE.shiftLeft(k)), MathContext.DECIMAL64).doubleValue();
    }

    /** The exact false-positive bound of the rule {@code m < θ}: P(Z ≤ θ−1). */
    public static double falsePositiveRate(int k, int threshold) {
        return cdf(k, threshold - 1);
    }

    private static void check(int k, double p) {
        if (k <= 0) {
            throw new IllegalArgumentException("key size must be positive, got " + k);
        }
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0,1), got " + p);
        }
    }
}
