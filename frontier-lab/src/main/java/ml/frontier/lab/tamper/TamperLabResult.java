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

    /** Held-out re-deployments (network × re-deployment) in which at least one marker of {@code strategy} moved. */
    public long falseAlarms(String strategy) {
        return benign.stream().filter(b -> b.strategy().equals(strategy) && b.heldOut() && b.moved() > 0).count();
    }

    /** Held-out re-deployments checked for {@code strategy} (each checks a whole marker set). */
    public long benignChecks(String strategy) {
        return benign.stream().filter(b -> b.strategy().equals(strategy) && b.heldOut()).count();
    }

    /** Marker queries on held-out re-deployments for {@code strategy} (markers × re-deployments). */
    public long benignMarkerChecks(String strategy) {
        return benign.stream().filter(b -> b.strategy().equals(strategy) && b.heldOut()).mapToLong(BenignRow::markers).sum();
    }

    /** Markers of {@code strategy} moved on held-out re-deployments. */
    public long benignMarkersMoved(String strategy) {
        return benign.stream().filter(b -> b.strategy().equals(strategy) && b.heldOut()).mapToLong(BenignRow::moved).sum();
    }

    /** Markers moved under re-deployments outside the floor's promise (BF16), and markers checked there. */
    public long[] unpromisedMoved(String strategy) {
        return new long[] {
            benign.stream().filter(b -> b.strategy().equals(strategy) && !b.heldOut()).mapToLong(BenignRow::moved).sum(),
            benign.stream().filter(b -> b.strategy().equals(strategy) && !b.heldOut()).mapToLong(BenignRow::markers).sum()};
    }

    /** The most queries any cell that ran needs for mean P(detect) ≥ {@code p} (-1 if some cell never reaches it). */
    public int worstQueriesFor(String strategy, double p) {
        int worst = 0;
        for (DetectionRow d : detections) {
            if (d.strategy().equals(strategy) && d.ran()) {
                int q = d.queriesFor(p);
                if (q < 0) {
                    return -1;
                }
                worst = Math.max(worst, q);
            }
        }
        return worst;
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
