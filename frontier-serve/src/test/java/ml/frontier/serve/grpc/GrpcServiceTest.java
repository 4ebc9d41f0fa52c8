package ml.frontier.serve.grpc;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.testing.TestModels;
import ml.frontier.serve.SharedModel;
import ml.frontier.serve.OipServer;
import ml.frontier.serve.grpc.proto.GRPCInferenceServiceGrpc;
import ml.frontier.serve.grpc.proto.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import ml.frontier.serve.grpc.proto.InferTensorContents;
import ml.frontier.serve.grpc.proto.ModelInferRequest;
import ml.frontier.serve.grpc.proto.ModelInferResponse;
import ml.frontier.serve.grpc.proto.ModelMetadataRequest;
import ml.frontier.serve.grpc.proto.ModelMetadataResponse;
import ml.frontier.serve.grpc.proto.ModelReadyRequest;
import ml.frontier.serve.grpc.proto.ServerLiveRequest;
import ml.frontier.serve.grpc.proto.ServerMetadataRequest;
import ml.frontier.serve.grpc.proto.ServerReadyRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gRPC protocol of a real server on loopback, driven through the generated stubs. */
class GrpcServiceTest {

    static final String TOKEN = "grpc-token";
    static NetworkModel model;
    static DjlClassifier classifier;
    static OipServer server;
    static ManagedChannel channel;
    static GRPCInferenceServiceBlockingStub anonymous;
    static GRPCInferenceServiceBlockingStub authorized;

    @BeforeAll
    static void start() throws Exception {
        model = SharedModel.mlp();
        classifier = new DjlClassifier(model);
        server = OipServer.builder().addModel("mlp", classifier).optToken(TOKEN).optGrpcPort(0).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext().build();
        anonymous = GRPCInferenceServiceGrpc.newBlockingStub(channel);
        Metadata auth = new Metadata();
        auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TOKEN);
        authorized = anonymous.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    static GRPCInferenceServiceBlockingStub deadline(GRPCInferenceServiceBlockingStub s) {
        return s.withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    static ByteString floats(float[] v, int count) {
        ByteBuffer b = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            b.putFloat(v[i % v.length]);
        }
        return ByteString.copyFrom(b.array());
    }

    static ModelInferRequest.Builder infer(String model, String datatype, List<Long> shape, ByteString raw) {
        return ModelInferRequest.newBuilder().setModelName(model).setId("q")
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("input").setDatatype(datatype).addAllShape(shape))
                .addRawInputContents(raw);
    }

    @Test
    void healthAndMetadataCalls() {
        assertTrue(deadline(anonymous).serverLive(ServerLiveRequest.getDefaultInstance()).getLive());
        assertTrue(deadline(anonymous).serverReady(ServerReadyRequest.getDefaultInstance()).getReady());
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.check(HealthCheckRequest.newBuilder()
                .setService("inference.GRPCInferenceService").build()).getStatus());
        assertTrue(deadline(authorized).modelReady(ModelReadyRequest.newBuilder().setName("mlp").build()).getReady());
        assertEquals(List.of("binary_tensor_data"),
                deadline(authorized).serverMetadata(ServerMetadataRequest.getDefaultInstance()).getExtensionsList());
        ModelMetadataResponse m = deadline(authorized).modelMetadata(ModelMetadataRequest.newBuilder().setName("mlp").build());
        assertEquals("FP32", m.getInputs(0).getDatatype());
        assertEquals(List.of(-1L, 1L, 28L, 28L), m.getInputs(0).getShapeList());
        assertEquals("label", m.getOutputs(0).getName());
        assertEquals(List.of(-1L, 10L), m.getOutputs(1).getShapeList());
    }

    @Test
    void rawAndTypedContentsGiveTheInProcessLabels() throws Exception {
        Dataset three = TestModels.test(3);
        int[] expected = classifier.predict(three.images());
        ModelInferResponse raw = deadline(authorized).modelInfer(infer("mlp", "FP32", List.of(3L, 784L),
                floats(three.images().data(), 3 * 784)).build());
        assertEquals("q", raw.getId());
        assertEquals("INT64", raw.getOutputs(0).getDatatype());
        ByteBuffer labels = raw.getRawOutputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        for (int e : expected) {
            assertEquals(e, labels.getLong());
        }
        assertEquals(3 * 10 * 4, raw.getRawOutputContents(1).size(), "probabilities as FP32");

        InferTensorContents.Builder typed = InferTensorContents.newBuilder();
        for (float v : three.images().data()) {
            typed.addFp32Contents(v);
        }
        ModelInferRequest request = ModelInferRequest.newBuilder().setModelName("mlp").setModelVersion("1")
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("input").setDatatype("FP32")
                        .addAllShape(List.of(3L, 1L, 28L, 28L)).setContents(typed))
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("label")).build();
        ModelInferResponse viaContents = deadline(authorized).modelInfer(request);
        assertEquals(1, viaContents.getOutputsCount());
        assertEquals(raw.getRawOutputContents(0), viaContents.getRawOutputContents(0));
    }

    @Test
    void everyBadRequestGetsTheRightStatusAndTheServerKeepsServing() {
        ByteString one = floats(new float[] {0.5f}, 784);
        Object[][] cases = {
                {authorized, infer("mlp", "FP32", List.of(1L, 783L), floats(new float[] {0.5f}, 783)), Status.Code.INVALID_ARGUMENT, "shape [1, 783]"},
                {authorized, infer("mlp", "FP32", List.of(1L, 3L, 28L, 28L), floats(new float[] {0.5f}, 3 * 784)), Status.Code.INVALID_ARGUMENT, "takes [N, 1, 28, 28]"},
                {authorized, infer("mlp", "INT32", List.of(1L, 784L), one), Status.Code.INVALID_ARGUMENT, "datatype INT32 but model 'mlp' takes FP32"},
                {authorized, infer("mlp", "BYTES", List.of(1L, 784L), one), Status.Code.INVALID_ARGUMENT, "datatype BYTES"},
                {authorized, infer("mlp", "FP32", List.of(1L, 784L), one.substring(0, 3000)), Status.Code.INVALID_ARGUMENT, "3000 bytes of raw FP32 data but shape [1, 784] needs 3136"},
                {authorized, infer("mlp", "FP32", List.of(1L, 784L), one).addRawInputContents(one), Status.Code.INVALID_ARGUMENT, "2 entries for 1 inputs"},
                {authorized, infer("mlp", "FP32", List.of(1L, 784L), floats(new float[] {Float.NaN}, 784)), Status.Code.INVALID_ARGUMENT, "non-finite"},
                {authorized, infer("mlp", "FP32", List.of(2000L, 784L), floats(new float[] {0.5f}, 2000 * 784)), Status.Code.RESOURCE_EXHAUSTED, "limit of 1024"},
                {authorized, infer("nope", "FP32", List.of(1L, 784L), one), Status.Code.NOT_FOUND, "unknown model 'nope'"},
                {authorized, infer("mlp", "FP32", List.of(1L, 784L), one).setModelVersion("7"), Status.Code.NOT_FOUND, "no version '7'"},
                {anonymous, infer("mlp", "FP32", List.of(1L, 784L), one), Status.Code.UNAUTHENTICATED, "Authorization: Bearer"},
        };
        for (Object[] c : cases) {
            GRPCInferenceServiceBlockingStub stub = (GRPCInferenceServiceBlockingStub) c[0];
            ModelInferRequest request = ((ModelInferRequest.Builder) c[1]).build();
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> deadline(stub).modelInfer(request), (String) c[3]);
            assertEquals(c[2], e.getStatus().getCode(), e.getStatus().toString());
            String description = e.getStatus().getDescription();
            assertTrue(description != null && description.contains((String) c[3]), c[3] + " -> " + description);
            assertFalse(description.contains("Exception") || description.contains(".java:"), description);
        }
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                () -> deadline(authorized).modelMetadata(ModelMetadataRequest.newBuilder().setName("nope").build()));
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        ModelInferResponse fine = deadline(authorized).modelInfer(infer("mlp", "FP32", List.of(1L, 784L), one).build());
        assertEquals(8, fine.getRawOutputContents(0).size());
        assertTrue(server.metrics().requestCount("GRPC", "/inference.GRPCInferenceService/ModelInfer", 400) >= 7);
    }
}
