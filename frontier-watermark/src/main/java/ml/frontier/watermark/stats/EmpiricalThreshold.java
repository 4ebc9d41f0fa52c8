package ml.frontier.watermark.stats;

import java.util.Arrays;

/**
 * A threshold fitted on the mismatch counts of independently trained null models, the
 * alternative used by the Watermark Robustness Toolbox.
 *
 * <p>Rule: with null-model mismatch counts {@code n_1..n_N} and a tolerated false-positive
 * fraction {@code alpha} in [0, 1), θ_emp is the largest {@code z} such that at most
 * {@code floor(alpha·N)} null models have {@code n_i < z}. With {@code alpha = 0} (the default)
 * θ_emp is the smallest null-model mismatch count: a suspect is claimed ({@code m < θ_emp}) only
 * when it agrees with the key better than every null model did. The rule inherits no
 * probabilistic guarantee beyond the null models it saw.
 *
 * @param nullMismatches each null model's mismatch count on the key
 * @param alpha the tolerated fraction of null models claimed
 * @param threshold θ_emp: claim when {@code m < threshold}
 */
public record EmpiricalThreshold(int[] nullMismatches, double alpha, int threshold) {

    public EmpiricalThreshold {
        nullMismatches = nullMismatches.clone();
    }

    /** Fits θ_emp on the null models' mismatch counts. */
    public static EmpiricalThreshold fit(int[] nullMismatches, double alpha) {
        if (nullMismatches.length == 0) {
            throw new IllegalArgumentException("an empirical threshold needs at least one null model");
        }
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in [0,1), got " + alpha);
        }
        int[] sorted = nullMismatches.clone();
        Arrays.sort(sorted);
        int allowed = (int) Math.floor(alpha * sorted.length);
        // at most `allowed` values may lie strictly below θ: θ = the (allowed)-th smallest (0-based)
        return new EmpiricalThreshold(nullMismatches, alpha, sorted[allowed]);
    }

    /** True when a suspect with {@code mismatches} is claimed under this threshold. */
    public boolean claims(int mismatches) {
        return mismatches < threshold;
    }

    /** How many of the null models themselves are claimed (at most {@code floor(alpha·N)}). */
    public int nullsClaimed() {
        int c = 0;
        for (int m : nullMismatches) {
            if (claims(m)) {
                c++;
            }
        }
        return c;
    }

    @Override
    public int[] nullMismatches() {
        return nullMismatches.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmpiricalThreshold e && e.alpha == alpha && e.threshold == threshold
                && Arrays.equals(e.nullMismatches, nullMismatches);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(nullMismatches) + threshold;
    }

    @Override
    public String toString() {
        return "EmpiricalThreshold[theta=" + threshold + ", alpha=" + alpha + ", nulls=" + Arrays.toString(nullMismatches) + "]";
    }
}
