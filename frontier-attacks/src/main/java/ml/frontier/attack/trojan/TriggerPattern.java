package ml.frontier.attack.trojan;

import java.util.Locale;

/** What a trigger patch looks like. */
public enum TriggerPattern {
    /** Every pixel white (1.0). */
    SQUARE,
    /** Alternating white and black pixels, white at the patch's top-left corner. */
    CHECKER,
    /** Each pixel (and channel) white or black at random, fixed by the trigger's seed. */
    RANDOM;

    /** Parses "square", "checker" (or "checkerboard"), "random". */
    public static TriggerPattern parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "square", "white" -> SQUARE;
            case "checker", "checkerboard" -> CHECKER;
            case "random" -> RANDOM;
            default -> throw new IllegalArgumentException("unknown trigger pattern '" + s + "' (known: square, checker, random)");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
