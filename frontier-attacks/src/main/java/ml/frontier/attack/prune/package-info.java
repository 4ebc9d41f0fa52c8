/**
 * Compression by magnitude pruning (Han et al., "Learning both Weights and Connections for
 * Efficient Neural Networks", NIPS 2015), as used against watermarks by Le Merrer et al. (2019)
 * and Uchida et al. (2017): the smallest weights are set to zero, globally or layer by layer.
 */
package ml.frontier.attack.prune;
