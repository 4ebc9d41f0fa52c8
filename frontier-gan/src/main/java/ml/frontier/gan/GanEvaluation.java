package ml.frontier.gan;

/**
 * One row of a learning curve.
 *
 * @param score MNIST score (Inception Score with our classifier)
 * @param frechet Fréchet distance to the test images
 * @param seconds wall time since the start of training
 */
public record GanEvaluation(long iteration, double score, double frechet, double seconds) {}
