/**
 * The decision rules of watermark verification: the exact binomial threshold of frontier
 * stitching (Le Merrer, Pérez, Trédan 2019, <a href="https://arxiv.org/abs/1711.01894">arXiv
 * 1711.01894</a>) and the empirical threshold fitted on null models.
 */
package ml.frontier.watermark.stats;
