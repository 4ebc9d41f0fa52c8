/**
 * The TamperNN experiment (Le Merrer and Trédan, 2019): the three MNIST networks × the attacks
 * (trojaning, quantization 8/4 bits, fine-tuning, pruning, frontier-stitching watermarking,
 * single-weight perturbation) × every marker strategy: detection probability against queries,
 * false alarms on benign re-deployments and marker generation time (CSV + PNG + Markdown).
 */
package ml.frontier.lab.tamper;
