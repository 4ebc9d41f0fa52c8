package ml.frontier.serve.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import ml.frontier.core.model.FrontierVersion;
import ml.frontier.serve.ClientAudit;
import ml.frontier.serve.InferenceService;
import ml.frontier.serve.ModelRegistry;
import ml.frontier.serve.OipException;
import ml.frontier.serve.ServedModel;
import ml.frontier.serve.ServerMetrics;
import ml.frontier.serve.grpc.proto.GRPCInferenceServiceGrpc;
import ml.frontier.serve.grpc.proto.ModelInferRequest;
import ml.frontier.serve.grpc.proto.ModelInferResponse;
import ml.frontier.serve.grpc.proto.ModelMetadataRequest;
import ml.frontier.serve.grpc.proto.ModelMetadataResponse;
import ml.frontier.serve.grpc.proto.ModelReadyRequest;
import ml.frontier.serve.grpc.proto.ModelReadyResponse;
import ml.frontier.serve.grpc.proto.ServerLiveRequest;
import ml.frontier.serve.grpc.proto.ServerLiveResponse;
import ml.frontier.serve.grpc.proto.ServerMetadataRequest;
import ml.frontier.serve.grpc.proto.ServerMetadataResponse;
import ml.frontier.serve.grpc.proto.ServerReadyRequest;
import ml.frontier.serve.grpc.proto.ServerReadyResponse;
import ml.frontier.serve.http.OipController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * {@code inference.GRPCInferenceService} over the server's {@link InferenceService}: converts
 * messages, maps refusals to status codes (INVALID_ARGUMENT, NOT_FOUND, RESOURCE_EXHAUSTED…)
 * and records every call in the same metrics and audit as REST.
 */
final class OipGrpcService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(OipGrpcService.class);

    private final ModelRegistry registry;
    private final InferenceService inference;
    private final ServerMetrics metrics;
    private final ClientAudit audit;

    OipGrpcService(ModelRegistry registry, InferenceService inference, ServerMetrics metrics, ClientAudit audit) {
        this.registry = registry;
        this.inference = inference;
        this.metrics = metrics;
        this.audit = audit;
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> reply) {
        answer("ServerLive", reply, () -> ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> reply) {
        answer("ServerReady", reply, () -> ServerReadyResponse.newBuilder().setReady(true).build());
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> reply) {
        answer("ModelReady", reply, () -> {
            model(request.getName(), request.getVersion());
            return ModelReadyResponse.newBuilder().setReady(true).build();
        });
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> reply) {
        answer("ServerMetadata", reply, () -> ServerMetadataResponse.newBuilder().setName("frontier")
                .setVersion(FrontierVersion.VERSION).addExtensions(OipController.EXTENSION_BINARY).build());
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> reply) {
        answer("ModelMetadata", reply, () -> GrpcMessages.metadata(model(request.getName(), request.getVersion()).metadata()));
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> reply) {
        answer("ModelInfer", reply, () -> {
            ServedModel model = model(request.getModelName(), request.getModelVersion());
            InferenceService.Outcome outcome = inference.infer(model.name(), GrpcMessages.request(request));
            metrics.images(model.name(), outcome.images());
            String client = GrpcAuth.CLIENT.get();
            audit.record(client == null ? "grpc" : client, model.name(), outcome.images());
            return GrpcMessages.response(outcome.response());
        });
    }

    private ServedModel model(String name, String version) {
        ServedModel m = registry.get(name);
        if (!version.isEmpty() && !version.equals("1")) {
            throw OipException.notFound("model '" + m.name() + "' has no version '" + version + "' (it has: 1)");
        }
        return m;
    }

    /** Runs {@code body}, answers its result or the mapped status, and records the call. */
    private <R> void answer(String method, StreamObserver<R> reply, Supplier<R> body) {
        long start = System.nanoTime();
        Status.Code code = Status.Code.OK;
        try {
            R result = body.get();
            reply.onNext(result);
            reply.onCompleted();
        } catch (OipException e) {
            var status = GrpcErrors.toStatus(e);
            code = status.getStatus().getCode();
            reply.onError(status);
        } catch (RuntimeException e) {
            LOG.error("gRPC {} failed", method, e);
            code = Status.Code.INTERNAL;
            reply.onError(Status.INTERNAL.withDescription("internal server error").asRuntimeException());
        } finally {
            metrics.request("GRPC", "/inference.GRPCInferenceService/" + method, GrpcErrors.httpStatus(code),
                    (System.nanoTime() - start) / 1e9);
        }
    }
}
