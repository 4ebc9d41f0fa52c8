/**
 * Frontier's core: images and datasets, the {@link ml.frontier.core.classifier.Classifier}
 * contracts, the model zoo, training, model files and adversarial primitives.
 *
 * <p>This module knows none of the other Frontier modules; they all build on it.
 */
package ml.frontier.core;
