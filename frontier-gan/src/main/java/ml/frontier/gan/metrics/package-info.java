/** GAN metrics: the MNIST score (Inception Score with our classifier) and the Fréchet distance. */
package ml.frontier.gan.metrics;
