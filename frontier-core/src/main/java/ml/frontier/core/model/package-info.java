/**
 * The model zoo (MLP, CNN and IRNN of the papers, a small ResNet), networks held by DJL's PyTorch
 * engine, and the self-describing model file.
 */
package ml.frontier.core.model;
