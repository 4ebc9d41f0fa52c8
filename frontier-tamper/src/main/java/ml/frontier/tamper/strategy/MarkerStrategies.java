package ml.frontier.tamper.strategy;

import ml.frontier.tamper.MarkerStrategy;

import java.util.List;

/** The marker strategies by name, with their default parameters. */
public final class MarkerStrategies {

    /** Every strategy name, baseline first. */
    public static final List<String> NAMES = List.of("random", "boundary", "sensitive", "entropy", "bisection");

    private MarkerStrategies() {}

    /** The strategy called {@code name}, with default parameters. */
    public static MarkerStrategy byName(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "random" -> new RandomStrategy();
            case "boundary" -> BoundaryStrategy.defaults();
            case "sensitive" -> SensitiveStrategy.defaults();
            case "entropy" -> EntropyStrategy.defaults();
            case "bisection" -> BisectionStrategy.defaults();
            default -> throw new IllegalArgumentException("unknown marker strategy '" + name + "' (known: "
                    + String.join(", ", NAMES) + ")");
        };
    }

    /** Whether the strategy needs white-box (gradient) access. */
    public static boolean needsWhiteBox(String name) {
        return !(name.equals("random") || name.equals("bisection"));
    }
}
