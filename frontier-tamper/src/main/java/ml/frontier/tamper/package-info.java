/**
 * Tamper detection of deployed classifiers with markers, after <i>TamperNN: Efficient Tampering
 * Detection of Deployed Neural Nets</i> (Le Merrer and Trédan, ISSRE 2019,
 * <a href="https://arxiv.org/abs/1903.00317">arXiv 1903.00317</a>).
 *
 * <p>What a verdict guarantees. <em>No false alarm:</em> every marker of a set has a logit margin
 * of at least {@link ml.frontier.tamper.MarginFloor} (twice six standard deviations of the change
 * FP16/TF32 storage rounding causes, measured per marker by {@link
 * ml.frontier.tamper.MarginSensitivity}) and kept its label under every benign re-deployment of
 * {@link ml.frontier.tamper.benign.BenignSuite} (batch sizes, copies, FP16/TF32 rounding, ONNX
 * Runtime, fresh processes with other thread counts and instruction sets); the marker file
 * records which ({@link ml.frontier.tamper.Acceptance}). A re-deployment outside those (BF16, a GPU
 * this machine does not have) is not covered. <em>Detection:</em> a check catches a tampering
 * only if a queried marker moved; the lab measures how often that happens per attack, and says
 * which tamperings label-only markers cannot see. <em>An adversarial server:</em> the query order
 * comes from a secure random source and markers once sent are retired in a
 * {@link ml.frontier.tamper.MarkerLedger}, so a server that logs queries cannot answer the next
 * check from a cache.
 *
 * <p>{@link ml.frontier.tamper.MarkerGenerator} makes a {@link ml.frontier.tamper.MarkerSet} with a
 * {@link ml.frontier.tamper.MarkerStrategy} (see {@code strategy}), screens it and picks the final
 * markers with a {@link ml.frontier.tamper.MarkerSelection} ({@link
 * ml.frontier.tamper.CoverageSelection} for the portfolio); {@link ml.frontier.tamper.MarkerFile}
 * stores it; {@link ml.frontier.tamper.TamperCheck} queries a deployed model with it and returns a
 * {@link ml.frontier.tamper.TamperReport}.
 */
package ml.frontier.tamper;
