/** FL-GAN: each worker trains a full GAN on its shard; the server averages G and D (FedAvg). */
package ml.frontier.gan.flgan;
