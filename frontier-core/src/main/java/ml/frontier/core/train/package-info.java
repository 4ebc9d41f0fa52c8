/** Training: the Adam optimizer, the classifier training loop, evaluation, and the gradient gate. */
package ml.frontier.core.train;
