/**
 * The exact binomial threshold of frontier stitching (Le Merrer, Pérez, Trédan 2019,
 * <a href="https://arxiv.org/abs/1711.01894">arXiv 1711.01894</a>) and the Clopper–Pearson
 * bounds the labs report false-claim rates with.
 */
package ml.frontier.watermark.stats;
