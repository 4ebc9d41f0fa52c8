/** The GAN networks of the MD-GAN paper (ACGAN: the discriminator outputs real/fake and the classes). */
package ml.frontier.gan.nets;
