package ml.frontier.gan.metrics;

/**
 * Scores of one evaluation.
 *
 * @param score the MNIST score (Inception Score with our classifier): higher is better, at most 10
 * @param frechet the Fréchet distance on the classifier's penultimate features: lower is better
 * @param agreement the fraction of images the classifier assigns to the class they were
 *        generated for (NaN when no classes were given)
 * @param diversity mean within-class pixel distance ({@link Diversity}; NaN when no classes were given)
 */
public record GanScores(double score, double frechet, double agreement, double diversity) {}
