package ml.frontier.serve.grpc;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import ml.frontier.core.FrontierException;
import ml.frontier.serve.ClientAudit;
import ml.frontier.serve.InferenceService;
import ml.frontier.serve.ModelRegistry;
import ml.frontier.serve.ServeLimits;
import ml.frontier.serve.ServerMetrics;
import ml.frontier.serve.http.BearerAuth;
import ml.frontier.serve.grpc.proto.GRPCInferenceServiceGrpc;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Hosts {@code inference.GRPCInferenceService} and the standard {@code grpc.health.v1.Health}
 * service on one port, in plaintext or TLS (optionally mutual). Messages past the server's body limit are refused by gRPC itself
 * (RESOURCE_EXHAUSTED).
 */
public final class OipGrpcServer implements AutoCloseable {

    private final Server server;
    private final HealthStatusManager health = new HealthStatusManager();
    private final String where;

    /**
     * TLS for the gRPC port: the server's PEM certificate chain and PKCS#8 key, and optionally a
     * CA whose client certificates are then required (mutual TLS).
     */
    public record Tls(Path certChain, Path key, Path clientCa) {}

    public OipGrpcServer(String host, int port, ModelRegistry registry, InferenceService inference, ServerMetrics metrics,
                         ClientAudit audit, BearerAuth auth, ServeLimits limits, Tls tls) throws FrontierException {
        OipGrpcService service = new OipGrpcService(registry, inference, metrics, audit);
        this.where = host + ":" + port;
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port));
        if (tls != null) {
            builder.sslContext(ssl(tls));
        }
        this.server = builder
                .maxInboundMessageSize((int) Math.min(Integer.MAX_VALUE, limits.maxBodyBytes()))
                .addService(ServerInterceptors.intercept(service, new GrpcAuth(auth)))
                .addService(health.getHealthService())
                .build();
    }

    private static SslContext ssl(Tls tls) throws FrontierException {
        try {
            SslContextBuilder b = GrpcSslContexts.forServer(tls.certChain().toFile(), tls.key().toFile());
            if (tls.clientCa() != null) {
                b.trustManager(tls.clientCa().toFile()).clientAuth(ClientAuth.REQUIRE);
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new FrontierException("cannot set up TLS for gRPC from " + tls.certChain() + " and " + tls.key() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Binds the port and marks the services as serving. */
    public OipGrpcServer start() throws FrontierException {
        try {
            server.start();
        } catch (IOException e) {
            throw new FrontierException("cannot serve gRPC on " + where + ": " + e.getMessage(), e);
        }
        health.setStatus("", ServingStatus.SERVING);
        health.setStatus(GRPCInferenceServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
        return this;
    }

    /** The bound port. */
    public int port() {
        return server.getPort();
    }

    /** Reports NOT_SERVING, then stops within a few seconds; safe to call more than once. */
    @Override
    public void close() {
        health.enterTerminalState();
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
