/**
 * Distributed GAN training: a standalone ACGAN, FL-GAN (federated averaging of G and D) and
 * MD-GAN (Hardy, Le Merrer, Sericola, IPDPS 2019, <a href="https://arxiv.org/abs/1811.03850">arXiv 1811.03850</a>):
 * one generator on a server, one discriminator per worker, error feedback on the wire and
 * discriminators swapped between workers.
 *
 * <p>Entry point: {@link ml.frontier.gan.GanTraining#builder()} (or {@link ml.frontier.gan.mdgan.MdGan#builder()}).
 */
package ml.frontier.gan;
