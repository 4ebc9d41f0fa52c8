package ml.frontier.watermark;

import java.util.Locale;

/**
 * How a key's labels were chosen, which decides which decision rule is sound for it.
 *
 * <ul>
 *   <li>{@link #COIN} (the default): every counted image is a true adversary {@code x'} (the
 *       source model answers {@code a ≠ y}, the original label); after the images are chosen, a
 *       secret fair coin per image sets its key label to {@code y} or to {@code a}. A model trained
 *       without the key answers each image independently of its coin, so it matches a key label
 *       with probability at most ½ and its mismatch count {@code m} stochastically dominates
 *       Binomial(k, ½): the exact binomial threshold bounds the false-claim rate for every
 *       unrelated model, whatever its architecture or training data. False adversaries ride
 *       along as uncounted anchors that hold the frontier during stitching.
 *   <li>{@link #PAPER}: the paper's key, k/2 true and k/2 false adversaries, all with their
 *       original labels and all counted. Its null hypothesis (each answer a fair coin) does not
 *       hold: any good model answers most of these images correctly. Use it with the conformal
 *       rule (reference models) or, for fidelity only, with the paper's binomial rule.
 * </ul>
 */
public enum KeyScheme {
    COIN,
    PAPER;

    /** The lower-case name used in files and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code coin} or {@code paper}. */
    public static KeyScheme parse(String s) {
        for (KeyScheme k : values()) {
            if (k.id().equals(s.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown key scheme '" + s + "' (known: coin, paper)");
    }
}
