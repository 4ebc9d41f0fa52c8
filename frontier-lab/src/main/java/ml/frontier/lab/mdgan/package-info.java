/** The MD-GAN paper's comparison: standalone GAN vs FL-GAN vs MD-GAN with and without swaps. */
package ml.frontier.lab.mdgan;
