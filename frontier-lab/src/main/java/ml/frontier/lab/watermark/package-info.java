/**
 * {@code frontier lab watermark}: the frontier-stitching study of Le Merrer, Pérez and Trédan
 * (2019) on the three MNIST networks × ε ∈ {0.025, 0.1, 0.25}: accuracy cost, key accuracy,
 * verification of the marked model, of independently trained null models (false positives) and of
 * the model after removal attacks.
 */
package ml.frontier.lab.watermark;
