/**
 * The client side: {@link ml.frontier.serve.client.RemoteClassifier}, a
 * {@link ml.frontier.core.classifier.Classifier} over any Open Inference Protocol v2 endpoint
 * (Frontier's own server, KServe, Triton, MLServer, TorchServe's KServe mode), with batching,
 * timeouts, retries on connection errors only, and a query counter.
 */
package ml.frontier.serve.client;
