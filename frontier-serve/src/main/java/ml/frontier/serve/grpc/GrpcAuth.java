package ml.frontier.serve.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import ml.frontier.serve.OipException;
import ml.frontier.serve.http.BearerAuth;
import ml.frontier.serve.grpc.proto.GRPCInferenceServiceGrpc;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;

/**
 * The gRPC side of the bearer token: {@code authorization: Bearer <token>} metadata on every
 * call but the health checks (the health service, ServerLive, ServerReady), as on REST. The
 * client's identity travels to the service in {@link #CLIENT}.
 */
final class GrpcAuth implements ServerInterceptor {

    /** The authenticated client's audit identity. */
    static final Context.Key<String> CLIENT = Context.key("frontier-client");

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Set<String> OPEN = Set.of(
            GRPCInferenceServiceGrpc.getServerLiveMethod().getFullMethodName(),
            GRPCInferenceServiceGrpc.getServerReadyMethod().getFullMethodName());

    private final BearerAuth auth;

    GrpcAuth(BearerAuth auth) {
        this.auth = auth;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (OPEN.contains(method) || method.startsWith("grpc.health.v1.")) {
            return next.startCall(call, headers);
        }
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        String client;
        try {
            client = auth.authenticate(headers.get(AUTHORIZATION), remote instanceof InetSocketAddress a ? a.getHostString()
                    : String.valueOf(remote));
        } catch (OipException e) {
            call.close(Status.UNAUTHENTICATED.withDescription(e.getMessage()), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return Contexts.interceptCall(Context.current().withValue(CLIENT, client), call, headers, next);
    }
}
