package ml.frontier.tamper.strategy;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.tamper.MarkerSet;
import ml.frontier.tamper.MarkerStrategy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Candidates from several strategies at once, an equal share from each, for a selection step
 * ({@link ml.frontier.tamper.CoverageSelection}) to combine: strategies that look at the model
 * differently (input-space distance, weight-space distance, where frontiers meet) move under
 * different tamperings.
 *
 * @param parts the strategies pooled
 */
public record PortfolioStrategy(List<MarkerStrategy> parts) implements MarkerStrategy {

    public PortfolioStrategy {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a portfolio needs at least one strategy");
        }
    }

    /** sensitive, entropy, bisection and boundary, with their defaults. */
    public static PortfolioStrategy defaults() {
        return new PortfolioStrategy(List.of(SensitiveStrategy.defaults(), EntropyStrategy.defaults(),
                BisectionStrategy.defaults(), BoundaryStrategy.defaults()));
    }

    @Override
    public String name() {
        return "portfolio";
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("parts", String.join(",", parts.stream().map(MarkerStrategy::name).toList()));
        for (MarkerStrategy s : parts) {
            s.parameters().forEach((k, v) -> m.put(s.name() + "." + k, v));
        }
        return m;
    }

    @Override
    public MarkerSet generate(Classifier model, ImageBatch pool, int count, long seed) throws FrontierException {
        int share = (count + parts.size() - 1) / parts.size();
        MarkerSet out = null;
        for (int p = 0; p < parts.size(); p++) {
            MarkerSet got = parts.get(p).generate(model, pool, share, seed + 7919L * p);
            out = out == null ? got : out.concat(got);
        }
        return out.withStrategy(name(), parameters());
    }
}
