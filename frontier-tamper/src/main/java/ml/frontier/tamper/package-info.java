/**
 * Tamper detection of deployed classifiers with markers, after <i>TamperNN: Efficient Tampering
 * Detection of Deployed Neural Nets</i> (Le Merrer and Trédan, ISSRE 2019,
 * <a href="https://arxiv.org/abs/1903.00317">arXiv 1903.00317</a>).
 *
 * <p>{@link ml.frontier.tamper.MarkerGenerator} makes a {@link ml.frontier.tamper.MarkerSet} with a
 * {@link ml.frontier.tamper.MarkerStrategy} and keeps only markers whose labels survive benign
 * re-deployments ({@link ml.frontier.tamper.Redeployments}); {@link ml.frontier.tamper.MarkerFile}
 * stores it; {@link ml.frontier.tamper.TamperCheck} queries a deployed model with it and returns a
 * {@link ml.frontier.tamper.TamperReport}.
 */
package ml.frontier.tamper;
