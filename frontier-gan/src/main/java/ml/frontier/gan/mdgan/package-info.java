/** MD-GAN: the server that holds G, the workers that hold one discriminator each, and the swap. */
package ml.frontier.gan.mdgan;
