/**
 * The gRPC form of the Open Inference Protocol ({@code inference.GRPCInferenceService}, from
 * stubs generated out of {@code grpc_predict_v2.proto}): a thin service that converts between
 * protobuf messages and the {@link ml.frontier.serve.InferenceService}'s records, a bearer-token
 * interceptor, and the server that hosts it next to the standard gRPC health service.
 */
package ml.frontier.serve.grpc;
