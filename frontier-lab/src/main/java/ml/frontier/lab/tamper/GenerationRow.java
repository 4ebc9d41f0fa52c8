package ml.frontier.lab.tamper;

/**
 * Marker generation cost and closeness to the frontier for one network and strategy.
 *
 * @param net network label
 * @param strategy marker strategy
 * @param markers markers made
 * @param seconds wall time, including the stability check on re-deployments
 * @param medianMargin median logit margin (top minus runner-up) of the markers
 * @param minMargin the smallest accepted margin
 * @param floorRatioMin the smallest margin / floor ratio
 * @param screening the marker file's screening summary
 */
public record GenerationRow(String net, String strategy, int markers, double seconds, double medianMargin,
                            double minMargin, double floorRatioMin, String screening) {}
