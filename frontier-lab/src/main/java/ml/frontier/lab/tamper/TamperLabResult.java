package ml.frontier.lab.tamper;

import java.util.List;

/**
 * Everything the experiment measured.
 *
 * @param detections detection per (network, attack, strategy)
 * @param benign markers moved per (network, re-deployment, strategy)
 * @param generation generation time per (network, strategy)
 * @param seconds wall time of the whole run
 */
public record TamperLabResult(List<DetectionRow> detections, List<BenignRow> benign, List<GenerationRow> generation,
                              double seconds) {

    public TamperLabResult {
        detections = List.copyOf(detections);
        benign = List.copyOf(benign);
        generation = List.copyOf(generation);
    }

    /** Re-deployments (network × re-deployment) in which at least one marker of {@code strategy} moved. */
    public long falseAlarms(String strategy) {
        return benign.stream().filter(b -> b.strategy().equals(strategy) && b.moved() > 0).count();
    }

    /** Re-deployments checked for {@code strategy}. */
    public long benignChecks(String strategy) {
        return benign.stream().filter(b -> b.strategy().equals(strategy)).count();
    }

    /** The smallest P(detect) within {@code queries} over every cell that ran for {@code strategy}. */
    public double worstDetection(String strategy, int queries) {
        return detections.stream().filter(d -> d.strategy().equals(strategy) && d.ran())
                .mapToDouble(d -> d.at(queries)).min().orElse(Double.NaN);
    }

    /** The mean P(detect) within {@code queries} over every cell that ran for {@code strategy}. */
    public double meanDetection(String strategy, int queries) {
        return detections.stream().filter(d -> d.strategy().equals(strategy) && d.ran())
                .mapToDouble(d -> d.at(queries)).average().orElse(Double.NaN);
    }
}
