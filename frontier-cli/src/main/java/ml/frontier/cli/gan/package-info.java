/** {@code frontier gan …}: standalone GAN, FL-GAN and MD-GAN training. */
package ml.frontier.cli.gan;
