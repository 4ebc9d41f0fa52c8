package ml.frontier.serve.client;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.MetadataUtils;
import ml.frontier.core.FrontierException;
import ml.frontier.serve.grpc.proto.GRPCInferenceServiceGrpc;
import ml.frontier.serve.grpc.proto.ModelInferRequest;
import ml.frontier.serve.grpc.proto.ModelInferResponse;
import ml.frontier.serve.grpc.proto.ModelMetadataRequest;
import ml.frontier.serve.grpc.proto.ModelMetadataResponse;
import ml.frontier.serve.protocol.ModelMetadata;
import ml.frontier.serve.protocol.TensorBytes;
import ml.frontier.serve.protocol.TensorMetadata;

import javax.net.ssl.SSLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC protocol ({@code inference.GRPCInferenceService}) for one model, through the stubs
 * generated from {@code grpc_predict_v2.proto}: inputs go as {@code raw_input_contents}, every
 * call has a deadline, UNAVAILABLE is retried (the server is starting or scaling), and other
 * status codes fail with their description.
 */
final class GrpcTransport implements InferTransport {

    /** gRPC frames each message with a 5-byte prefix (compression flag and length). */
    private static final int FRAME = 5;

    private final String url;
    private final String model;
    private final String version;
    private final ManagedChannel channel;
    private final GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub;
    private final Retrier retrier;
    private final WireBytes bytes = new WireBytes();

    GrpcTransport(RemoteUrl target, String token, ClientOptions options) throws FrontierException {
        this.url = target.text();
        this.model = target.model();
        this.version = target.version() == null ? "" : target.version();
        this.retrier = new Retrier(options);
        NettyChannelBuilder b = NettyChannelBuilder.forAddress(target.host(), target.port())
                .maxInboundMessageSize(256 << 20)
                .withOption(io.grpc.netty.shaded.io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) options.connectTimeout().toMillis());
        if (target.tls()) {
            b.sslContext(ssl(options));
        } else {
            b.usePlaintext();
        }
        Metadata extra = new Metadata();
        if (token != null) {
            extra.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        for (HttpHeader h : options.headers()) {
            if (h.isHost()) {
                b.overrideAuthority(h.value());
            } else {
                extra.put(Metadata.Key.of(h.name().toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER), h.value());
            }
        }
        this.channel = b.build();
        this.stub = GRPCInferenceServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(extra));
    }

    private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext ssl(ClientOptions options) throws FrontierException {
        SslContextBuilder s = GrpcSslContexts.forClient();
        if (options.tls() != null) {
            if (options.tls().trustManagers() != null) {
                s.trustManager(options.tls().trustManagers());
            }
            if (options.tls().keyManagers() != null) {
                s.keyManager(options.tls().keyManagers());
            }
        }
        try {
            return s.build();
        } catch (SSLException e) {
            throw new FrontierException("cannot set up TLS for gRPC: " + e.getMessage());
        }
    }

    @Override
    public ModelMetadata metadata(long deadlineNanos) throws FrontierException {
        ModelMetadataRequest request = ModelMetadataRequest.newBuilder().setName(model).setVersion(version).build();
        ModelMetadataResponse m = call("ModelMetadata", deadlineNanos, request.getSerializedSize(),
                t -> stub.withDeadlineAfter(t.toNanos(), TimeUnit.NANOSECONDS).modelMetadata(request));
        bytes.addReceived(m.getSerializedSize() + FRAME);
        return new ModelMetadata(m.getName(), m.getVersionsList(), m.getPlatform(), tensors(m.getInputsList()),
                tensors(m.getOutputsList()));
    }

    private static List<TensorMetadata> tensors(List<ModelMetadataResponse.TensorMetadata> list) {
        return list.stream().map(t -> new TensorMetadata(t.getName().isBlank() ? "input" : t.getName(), t.getDatatype(),
                t.getShapeList().stream().mapToLong(Long::longValue).toArray())).toList();
    }

    @Override
    public OutputTensor[] infer(InferCall call, long deadlineNanos) throws FrontierException {
        ModelInferRequest.InferInputTensor.Builder in = ModelInferRequest.InferInputTensor.newBuilder()
                .setName(call.inputName()).setDatatype(call.datatype());
        for (long d : call.shape()) {
            in.addShape(d);
        }
        ModelInferRequest.Builder r = ModelInferRequest.newBuilder().setModelName(model).setModelVersion(version).addInputs(in)
                .addRawInputContents(ByteString.copyFrom(TensorBytes.encode(call.datatype(), call.values())));
        if (call.outputOrNull() != null) {
            r.addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName(call.outputOrNull()));
        }
        ModelInferRequest request = r.build();
        ModelInferResponse response = call("ModelInfer", deadlineNanos, request.getSerializedSize(),
                t -> stub.withDeadlineAfter(t.toNanos(), TimeUnit.NANOSECONDS).modelInfer(request));
        bytes.addReceived(response.getSerializedSize() + FRAME);
        return outputs(response);
    }

    private OutputTensor[] outputs(ModelInferResponse r) throws FrontierException {
        OutputTensor[] out = new OutputTensor[r.getOutputsCount()];
        boolean raw = r.getRawOutputContentsCount() > 0;
        if (raw && r.getRawOutputContentsCount() != out.length) {
            throw new FrontierException(url + " answered " + r.getRawOutputContentsCount() + " raw_output_contents for "
                    + out.length + " outputs");
        }
        for (int i = 0; i < out.length; i++) {
            ModelInferResponse.InferOutputTensor o = r.getOutputs(i);
            double[] values;
            if (raw) {
                byte[] contents = r.getRawOutputContents(i).toByteArray();
                int size = ml.frontier.serve.protocol.Datatypes.elementSize(o.getDatatype());
                if (size <= 0 || contents.length % size != 0) {
                    throw new FrontierException(url + ": output '" + o.getName() + "' has " + contents.length + " raw bytes of "
                            + o.getDatatype());
                }
                values = TensorBytes.decodeDoubles(o.getDatatype(), contents, 0, contents.length);
            } else {
                var c = o.getContents();
                values = c.getInt64ContentsCount() > 0 ? c.getInt64ContentsList().stream().mapToDouble(Long::doubleValue).toArray()
                        : c.getIntContentsCount() > 0 ? c.getIntContentsList().stream().mapToDouble(Integer::doubleValue).toArray()
                        : c.getFp64ContentsCount() > 0 ? c.getFp64ContentsList().stream().mapToDouble(Double::doubleValue).toArray()
                        : c.getFp32ContentsList().stream().mapToDouble(Float::doubleValue).toArray();
            }
            out[i] = new OutputTensor(o.getName(), o.getDatatype(), o.getShapeList().stream().mapToLong(Long::longValue).toArray(),
                    values);
        }
        return out;
    }

    /** One RPC through the retrier: UNAVAILABLE is retried, other codes fail with the server's description. */
    private <T> T call(String method, long deadlineNanos, int requestBytes, java.util.function.Function<Duration, T> rpc)
            throws FrontierException {
        return retrier.run("gRPC " + method + " on " + url, deadlineNanos, timeout -> {
            bytes.addSent(requestBytes + FRAME);
            try {
                return rpc.apply(timeout);
            } catch (StatusRuntimeException e) {
                Status s = e.getStatus();
                String text = "gRPC " + method + " on " + url + " answered " + s.getCode()
                        + (s.getDescription() == null ? "" : ": " + s.getDescription());
                if (s.getCode() == Status.Code.UNAVAILABLE) {
                    throw new Retrier.Retryable(text, null, e);
                }
                if (s.getCode() == Status.Code.DEADLINE_EXCEEDED) {
                    throw new FrontierException(url + " gave no answer to " + method + " within " + timeout.toMillis() + " ms", e);
                }
                throw new FrontierException(text, e);
            }
        });
    }

    @Override
    public String encoding() {
        return "gRPC";
    }

    @Override
    public WireBytes bytes() {
        return bytes;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
