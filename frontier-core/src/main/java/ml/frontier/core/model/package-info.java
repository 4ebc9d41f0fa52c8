/**
 * The model zoo (MLP, CNN and IRNN of the papers, a small ResNet), networks held by DJL's PyTorch
 * engine, and the self-describing model file; {@link ml.frontier.core.model.TrainableModel}, what
 * every white-box step trains and queries, with the shared parts of models in a user's format
 * ({@link ml.frontier.core.model.AbstractImportedModel}, {@link ml.frontier.core.model.ModelSidecar}).
 */
package ml.frontier.core.model;
