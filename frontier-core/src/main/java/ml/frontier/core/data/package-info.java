/**
 * Datasets: IDX (MNIST, Fashion-MNIST) and CIFAR-10 binary readers, the embedded MNIST digits,
 * seeded shuffling, splits and batching.
 */
package ml.frontier.core.data;
