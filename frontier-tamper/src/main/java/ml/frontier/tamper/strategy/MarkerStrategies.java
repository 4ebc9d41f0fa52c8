package ml.frontier.tamper.strategy;

import ml.frontier.tamper.MarkerStrategy;

import java.util.List;

/** The marker strategies by name, with their default parameters. */
public final class MarkerStrategies {

    /** Every strategy name, baseline first. */
    public static final List<String> NAMES = List.of("random", "boundary", "sensitive", "entropy", "bisection", "portfolio");

    private MarkerStrategies() {}

    /** The strategy called {@code name}, with default parameters. */
    public static MarkerStrategy byName(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "random" -> new RandomStrategy();
            case "boundary" -> BoundaryStrategy.defaults();
            case "sensitive" -> SensitiveStrategy.defaults();
            case "entropy" -> EntropyStrategy.defaults();
            case "bisection" -> BisectionStrategy.defaults();
            case "portfolio" -> PortfolioStrategy.defaults();
            default -> throw new IllegalArgumentException("unknown marker strategy '" + name + "' (known: "
                    + String.join(", ", NAMES) + ")");
        };
    }

    /** The selection that goes with a strategy: the portfolio is chosen by coverage, the others as made. */
    public static ml.frontier.tamper.MarkerSelection selectionFor(String name) {
        return name.equals("portfolio") ? ml.frontier.tamper.CoverageSelection.defaults()
                : ml.frontier.tamper.MarkerSelection.first();
    }

    /** Whether the strategy needs white-box (gradient) access. */
    public static boolean needsWhiteBox(String name) {
        return !(name.equals("random") || name.equals("bisection"));
    }
}
