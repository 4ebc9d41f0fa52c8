package ml.frontier.serve.client;

import ml.frontier.core.FrontierException;
import ml.frontier.serve.protocol.ModelMetadata;

/**
 * How a {@link RemoteClassifier} reaches a model: REST (JSON or binary tensors) or gRPC. Each
 * call carries the instant by which it must end ({@code System.nanoTime}, Long.MAX_VALUE = none).
 */
interface InferTransport extends AutoCloseable {

    ModelMetadata metadata(long deadlineNanos) throws FrontierException;

    OutputTensor[] infer(InferCall call, long deadlineNanos) throws FrontierException;

    /** "REST JSON", "REST binary" or "gRPC", for descriptions and benchmarks. */
    String encoding();

    /** Payload bytes sent and received so far (request and response bodies or messages). */
    WireBytes bytes();

    @Override
    void close();
}
