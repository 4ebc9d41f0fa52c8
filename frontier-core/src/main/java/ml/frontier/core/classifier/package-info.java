/**
 * The contracts at Frontier's centre: {@link ml.frontier.core.classifier.Classifier} (label-only
 * black box), {@link ml.frontier.core.classifier.WhiteBoxClassifier} (logits and input
 * gradients), a query counter, and the DJL and ONNX implementations.
 */
package ml.frontier.core.classifier;
