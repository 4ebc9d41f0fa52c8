/** Generator and discriminator roles, ACGAN losses, samplers and the standalone GAN trainer. */
package ml.frontier.gan.train;
