/**
 * Serving Frontier classifiers over the Open Inference Protocol (OIP) v2, the REST protocol of
 * KServe, Triton and MLServer.
 *
 * <p>{@link ml.frontier.serve.OipServer} is the entry point: a builder takes named
 * {@link ml.frontier.core.classifier.Classifier}s and limits, {@code start()} binds the port.
 * The inference logic ({@link ml.frontier.serve.InferenceService}), the model registry, the
 * per-client audit and the metrics know nothing of HTTP; {@code ml.frontier.serve.http} is the
 * thin Javalin layer, {@code ml.frontier.serve.protocol} the wire records, and
 * {@code ml.frontier.serve.client.RemoteClassifier} the client for any OIP v2 endpoint.
 *
 * <pre>{@code
 * try (OipServer server = OipServer.builder().addModel("mnist", classifier).build().start()) {
 *     System.out.println(server.modelUrl("mnist"));   // http://127.0.0.1:PORT/v2/models/mnist
 * }
 * }</pre>
 */
package ml.frontier.serve;
