package ml.frontier.gan.metrics;

/**
 * Scores of one evaluation.
 *
 * @param score the MNIST score (Inception Score with our classifier): higher is better, at most 10
 * @param frechet the Fréchet distance on the classifier's penultimate features: lower is better
 */
public record GanScores(double score, double frechet) {}
