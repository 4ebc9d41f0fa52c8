package ml.frontier.serve;

import io.javalin.Javalin;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.serve.grpc.OipGrpcServer;
import ml.frontier.serve.http.BearerAuth;
import ml.frontier.serve.http.OipController;
import ml.frontier.serve.protocol.OipJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * An Open Inference Protocol v2 server for one or more classifiers.
 *
 * <pre>{@code
 * try (OipServer server = OipServer.builder()
 *         .addModel("mnist", classifier)
 *         .optToken(token)          // all but health endpoints need "Authorization: Bearer <token>"
 *         .optLabelsOnly(true)      // no probabilities output
 *         .build().start()) {       // port 0 (the default) = a free port
 *     RemoteClassifier remote = RemoteClassifier.connect(server.modelUrl("mnist"), token);
 * }
 * }</pre>
 *
 * <p>The server does not own the classifiers: closing it leaves them open.
 */
public final class OipServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OipServer.class);

    private final String host;
    private final int requestedPort;
    private final int requestedGrpcPort;
    private final OipGrpcServer.Tls grpcTls;
    private final ModelRegistry registry;
    private final ServeLimits limits;
    private final BearerAuth auth;
    private final ClientAudit audit = new ClientAudit();
    private final ServerMetrics metrics = new ServerMetrics(audit);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Javalin app;
    private InferenceService inference;
    private OipGrpcServer grpc;
    private int port = -1;
    private boolean closed;

    private OipServer(Builder b) {
        List<ServedModel> models = new ArrayList<>();
        b.models.forEach((name, c) -> models.add(ServedModel.of(name, c, b.labelsOnly, b.types)));
        this.registry = new ModelRegistry(models);
        this.host = b.host;
        this.requestedPort = b.port;
        this.requestedGrpcPort = b.grpcPort;
        this.grpcTls = b.grpcTls;
        this.limits = new ServeLimits(b.maxBodyBytes, b.maxBatch, b.maxConcurrency);
        this.auth = new BearerAuth(b.token);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving; fails with a clear message when the port is taken. */
    public synchronized OipServer start() throws FrontierException {
        if (app != null || closed) {
            throw new IllegalStateException("the server was already started");
        }
        inference = new InferenceService(registry, limits);
        OipController controller = new OipController(registry, inference, auth, metrics,
                audit, limits, OipJson.newMapper());
        Javalin created = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = limits.maxBodyBytes();
            config.http.disableCompression();
            config.http.prefer405over404 = true;
        });
        controller.register(created);
        try {
            created.start(host, requestedPort);
        } catch (RuntimeException e) {
            created.stop();
            inference.close();
            throw new FrontierException("cannot serve on " + host + ":" + requestedPort + ": " + rootMessage(e), e);
        }
        app = created;
        port = created.port();
        if (requestedGrpcPort >= 0) {
            try {
                grpc = new OipGrpcServer(host, requestedGrpcPort, registry, inference, metrics, audit, auth, limits, grpcTls).start();
            } catch (FrontierException e) {
                close();
                throw e;
            }
            LOG.info("serving {} over gRPC on {}", registry.names(), grpcTarget());
        }
        LOG.info("serving {} on {}{}", registry.names(), baseUrl(), auth.required() ? " (bearer token required)" : "");
        return this;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** The bound port (after {@link #start()}). */
    public int port() {
        if (port < 0) {
            throw new IllegalStateException("the server is not started");
        }
        return port;
    }

    /** {@code http://host:port}; a wildcard host is shown as 127.0.0.1. */
    public String baseUrl() {
        return "http://" + displayHost() + ":" + port();
    }

    private String displayHost() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return h.contains(":") ? "[" + h + "]" : h;
    }

    /** The bound gRPC port, or -1 when gRPC is not served. */
    public int grpcPort() {
        return grpc == null ? -1 : grpc.port();
    }

    /** {@code grpc://host:port} ({@code grpcs://} with TLS); a wildcard host is shown as 127.0.0.1. */
    public String grpcTarget() {
        if (grpc == null) {
            throw new IllegalStateException("the server does not serve gRPC (see Builder.optGrpcPort)");
        }
        return (grpcTls == null ? "grpc://" : "grpcs://") + displayHost() + ":" + grpc.port();
    }

    /** {@code grpc://host:port/NAME}: what {@code --remote} takes for gRPC. */
    public String grpcModelUrl(String name) {
        return grpcTarget() + "/" + registry.get(name).name();
    }

    /** {@code http://host:port/v2/models/NAME}: what {@code --remote} takes. */
    public String modelUrl(String name) {
        return baseUrl() + "/v2/models/" + registry.get(name).name();
    }

    public ModelRegistry registry() {
        return registry;
    }

    public ServeLimits limits() {
        return limits;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    public ClientAudit audit() {
        return audit;
    }

    /** Blocks until {@link #close()} is called (by a shutdown hook, say). */
    public void awaitTermination() throws InterruptedException {
        stopped.await();
    }

    /** Stops serving and logs the per-client query counts; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (grpc != null) {
            grpc.close();
        }
        if (app != null) {
            app.stop();
            inference.close();
            audit.logSummary();
            LOG.info("stopped serving on port {}", port);
        }
        stopped.countDown();
    }

    /** Builds an {@link OipServer}: models by name, then optional host, port, token and limits. */
    public static final class Builder {
        private final Map<String, Classifier> models = new LinkedHashMap<>();
        private String host = "127.0.0.1";
        private int port;
        private int grpcPort = -1;
        private OipGrpcServer.Tls grpcTls;
        private WireTypes types = WireTypes.defaults();
        private String token;
        private boolean labelsOnly;
        private long maxBodyBytes = ServeLimits.DEFAULT_MAX_BODY;
        private int maxBatch = ServeLimits.DEFAULT_MAX_BATCH;
        private int maxConcurrency = Runtime.getRuntime().availableProcessors();

        private Builder() {}

        /** Serves {@code classifier} at {@code /v2/models/NAME}. */
        public Builder addModel(String name, Classifier classifier) {
            if (models.containsKey(name)) {
                throw new IllegalArgumentException("two models are named '" + name + "'");
            }
            models.put(name, classifier);
            return this;
        }

        /** Adds every entry of {@code byName}, in its iteration order. */
        public Builder addModels(Map<String, ? extends Classifier> byName) {
            byName.forEach(this::addModel);
            return this;
        }

        /** The address to bind (default 127.0.0.1, loopback only). */
        public Builder optHost(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("the host must not be empty");
            }
            this.host = host;
            return this;
        }

        /** The port (default 0: a free port, see {@link OipServer#port()}). */
        public Builder optPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Also serves the gRPC protocol on this port (0: a free one; default -1: no gRPC). */
        public Builder optGrpcPort(int grpcPort) {
            if (grpcPort < -1 || grpcPort > 65535) {
                throw new IllegalArgumentException("gRPC port must be in 0..65535 (or -1 for none), got " + grpcPort);
            }
            this.grpcPort = grpcPort;
            return this;
        }

        /** Serves gRPC over TLS with this PEM chain and PKCS#8 key; with {@code clientCaOrNull}, clients need a certificate it signed. */
        public Builder optGrpcTls(java.nio.file.Path certChain, java.nio.file.Path key, java.nio.file.Path clientCaOrNull) {
            this.grpcTls = new OipGrpcServer.Tls(certChain, key, clientCaOrNull);
            return this;
        }

        /** The datatypes every model declares (default FP32 input, INT64 labels, FP32 probabilities). */
        public Builder optWireTypes(WireTypes types) {
            this.types = java.util.Objects.requireNonNull(types, "types");
            return this;
        }

        /** Requires {@code Authorization: Bearer <token>} on all but health endpoints (null = open). */
        public Builder optToken(String token) {
            this.token = token;
            return this;
        }

        /** Serve labels only, never probabilities (what a cautious deployment exposes). */
        public Builder optLabelsOnly(boolean labelsOnly) {
            this.labelsOnly = labelsOnly;
            return this;
        }

        /** Largest request body in bytes (default 16 MiB); larger ones get 413. */
        public Builder optMaxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** Most images per request (default 1024); more get 413. */
        public Builder optMaxBatch(int maxBatch) {
            this.maxBatch = maxBatch;
            return this;
        }

        /** Most inferences running at once (default: the number of cores). */
        public Builder optMaxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /** Checks the settings; the server binds on {@link OipServer#start()}. */
        public OipServer build() {
            return new OipServer(this);
        }
    }
}
