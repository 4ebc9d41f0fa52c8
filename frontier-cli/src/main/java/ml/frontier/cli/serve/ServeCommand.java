package ml.frontier.cli.serve;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.load.Models;
import ml.frontier.core.model.ModelOptions;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.serve.OipServer;
import ml.frontier.serve.ServeLimits;
import ml.frontier.serve.WireTypes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code frontier serve}: serves one or more model files over the Open Inference Protocol v2
 * until Ctrl-C.
 */
@Command(name = "serve",
        description = {"Serve model files over the Open Inference Protocol v2 (KServe/Triton REST, binary tensors, gRPC) until Ctrl-C.",
                "Query them with --remote http://HOST:PORT/v2/models/NAME or grpc://HOST:GRPC_PORT/NAME."})
public final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model file: Frontier, TorchScript or ONNX (repeat to serve several).")
    List<Path> models;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Model name in the URL, one per --model, in order (default: the file name without extension).")
    List<String> names = new ArrayList<>();

    @Option(names = "--port", defaultValue = "8080", description = "Port (0: a free one; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--grpc-port", defaultValue = "-1",
            description = "Also serve the gRPC protocol (inference.GRPCInferenceService, health) on this port (0: a free one; default: off).")
    int grpcPort;

    @Option(names = "--grpc-tls-cert", paramLabel = "PEM", description = "Serve gRPC over TLS with this certificate chain (with --grpc-tls-key).")
    Path grpcCert;

    @Option(names = "--grpc-tls-key", paramLabel = "PEM", description = "The PKCS#8 key of --grpc-tls-cert.")
    Path grpcKey;

    @Option(names = "--grpc-client-ca", paramLabel = "PEM", description = "Require gRPC client certificates signed by this CA (mutual TLS).")
    Path grpcClientCa;

    @Option(names = "--input-datatype", defaultValue = "FP32", paramLabel = "TYPE",
            description = "Input datatype the models declare: FP32, FP16, FP64, or UINT8/INT64 for pixels 0-255 (default: ${DEFAULT-VALUE}).")
    String inputDatatype;

    @Option(names = "--label-datatype", defaultValue = "INT64", paramLabel = "TYPE", description = "INT64 or INT32 (default: ${DEFAULT-VALUE}).")
    String labelDatatype;

    @Option(names = "--probability-datatype", defaultValue = "FP32", paramLabel = "TYPE", description = "FP32 or FP16 (default: ${DEFAULT-VALUE}).")
    String scoreDatatype;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}, loopback only).")
    String host;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Require 'Authorization: Bearer <token>' (file content, trimmed) on all but health endpoints.")
    Path tokenFile;

    @Option(names = "--labels-only", description = "Expose labels only, never probabilities.")
    boolean labelsOnly;

    @Option(names = "--max-batch", defaultValue = "" + ServeLimits.DEFAULT_MAX_BATCH,
            description = "Most images per request; more get HTTP 413 (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--max-body-mib", defaultValue = "16", description = "Largest request body in MiB; larger get HTTP 413 (default: ${DEFAULT-VALUE}).")
    int maxBodyMib;

    private final Consumer<OipServer> onStarted;

    public ServeCommand() {
        this(server -> {});
    }

    /** For tests: {@code onStarted} receives the running server (closing it ends the command). */
    ServeCommand(Consumer<OipServer> onStarted) {
        this.onStarted = onStarted;
    }

    @Override
    public Integer call() throws Exception {
        if (!names.isEmpty() && names.size() != models.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give one --name per --model (" + models.size() + " models, " + names.size() + " names)");
        }
        if ((grpcCert == null) != (grpcKey == null) || (grpcClientCa != null && grpcCert == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "gRPC TLS needs --grpc-tls-cert and --grpc-tls-key together (and both for --grpc-client-ca)");
        }
        String token = readToken();
        List<TrainableModel> loaded = new ArrayList<>();
        try {
            OipServer.Builder builder = OipServer.builder().optHost(host).optPort(port).optToken(token)
                    .optLabelsOnly(labelsOnly).optMaxBatch(maxBatch).optMaxBodyBytes((long) maxBodyMib << 20).optGrpcPort(grpcPort)
                    .optWireTypes(new WireTypes(inputDatatype, labelDatatype, scoreDatatype));
            if (grpcCert != null) {
                builder.optGrpcTls(grpcCert, grpcKey, grpcClientCa);
            }
            for (int i = 0; i < models.size(); i++) {
                TrainableModel m = Models.loadTrainable(models.get(i), ModelOptions.none());
                loaded.add(m);
                String name = names.isEmpty() ? baseName(models.get(i)) : names.get(i);
                builder.addModel(name, new DjlClassifier(m, m.describe() + " from " + models.get(i), 512));
            }
            try (OipServer server = builder.build().start()) {
                Thread hook = new Thread(server::close, "frontier-serve-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                PrintWriter out = spec.commandLine().getOut();
                for (String name : server.registry().names()) {
                    out.println("serving " + name + " at " + server.modelUrl(name)
                            + (server.grpcPort() >= 0 ? " and " + server.grpcModelUrl(name) : ""));
                }
                out.println("health: " + server.baseUrl() + "/v2/health/ready  metrics: " + server.baseUrl() + "/metrics"
                        + (token != null ? "  (bearer token required)" : ""));
                out.println("press Ctrl-C to stop");
                out.flush();
                onStarted.accept(server);
                server.awaitTermination();
                removeHook(hook);
            }
        } finally {
            loaded.forEach(TrainableModel::close);
        }
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running
        }
    }

    private String readToken() throws FrontierException {
        if (tokenFile == null) {
            return null;
        }
        try {
            String t = Files.readString(tokenFile).trim();
            if (t.isEmpty()) {
                throw new FrontierException(tokenFile + ": the token file is empty");
            }
            return t;
        } catch (IOException e) {
            throw new FrontierException(tokenFile + ": cannot read the token file (" + e.getMessage() + ")");
        }
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String base = dot > 0 ? n.substring(0, dot) : n;
        return base.replaceAll("[^A-Za-z0-9_.-]", "-");
    }
}
