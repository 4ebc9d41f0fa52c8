/** Training: the Adam optimizer, the classifier training loop and evaluation. */
package ml.frontier.core.train;
