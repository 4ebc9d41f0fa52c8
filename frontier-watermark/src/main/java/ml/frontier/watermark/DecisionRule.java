package ml.frontier.watermark;

import java.util.Locale;

/**
 * How a mismatch count becomes a verdict.
 *
 * <ul>
 *   <li>{@link #BINOMIAL}: claimed iff {@code m < θ(k, α)}; sound for {@link KeyScheme#COIN} keys,
 *       where every model trained without the key has {@code m} stochastically above
 *       Binomial(k, ½), so P(claim) ≤ P(Z ≤ θ−1) ≤ α for any unrelated model.
 *   <li>{@link #CONFORMAL}: p = (1 + #{reference m ≤ m}) / (n + 1) over n owner-trained reference
 *       models; claimed iff p ≤ α. Sound for a suspect exchangeable with the references (same
 *       recipe, other seeds); any key scheme.
 *   <li>{@link #PAPER}: the paper's binomial test on every key image; kept for fidelity, its null
 *       is not validated for original-labelled keys.
 * </ul>
 */
public enum DecisionRule {
    BINOMIAL,
    CONFORMAL,
    PAPER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DecisionRule parse(String s) {
        for (DecisionRule r : values()) {
            if (r.id().equals(s.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown decision rule '" + s + "' (known: binomial, conformal, paper)");
    }

    /** The sound rule for a key: binomial for coin keys, conformal when references exist. */
    public static DecisionRule defaultFor(WatermarkKey key, boolean haveReferences) {
        if (key.scheme() == KeyScheme.COIN) {
            return BINOMIAL;
        }
        return haveReferences ? CONFORMAL : null;
    }
}
