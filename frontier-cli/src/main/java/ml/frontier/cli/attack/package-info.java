/**
 * {@code frontier attack ...}: fine-tune, prune, quantize, trojan and perturb a model file, writing
 * the attacked model to a new file and printing accuracy before/after and the attack's figures.
 */
package ml.frontier.cli.attack;
