package ml.frontier.gan.train;

/**
 * The generator's adversarial term. The paper writes the minimax form, minimise
 * (1/b)Σ log(1 − D(G(z))); practice (and the Keras ACGAN the paper builds on) uses the
 * non-saturating form, minimise −(1/b)Σ log D(G(z)), whose gradient does not vanish while D
 * still rejects the samples. Both add the ACGAN class term.
 */
public enum GeneratorLoss {
    NON_SATURATING,
    MINIMAX;

    /** Parses {@code non-saturating} or {@code minimax}. */
    public static GeneratorLoss parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "non-saturating", "nonsaturating", "ns" -> NON_SATURATING;
            case "minimax", "paper" -> MINIMAX;
            default -> throw new IllegalArgumentException("unknown generator loss '" + s + "' (known: non-saturating, minimax)");
        };
    }
}
