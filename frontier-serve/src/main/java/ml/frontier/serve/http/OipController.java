package ml.frontier.serve.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import ml.frontier.core.model.FrontierVersion;
import ml.frontier.serve.ClientAudit;
import ml.frontier.serve.InferenceService;
import ml.frontier.serve.ModelRegistry;
import ml.frontier.serve.OipException;
import ml.frontier.serve.ServeLimits;
import ml.frontier.serve.ServedModel;
import ml.frontier.serve.ServerMetrics;
import ml.frontier.serve.protocol.BinaryTensors;
import ml.frontier.serve.protocol.EncodedBody;
import ml.frontier.serve.protocol.InferRequest;
import ml.frontier.serve.protocol.InferRequestReader;
import ml.frontier.serve.protocol.InferResponseWriter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The OIP v2 REST routes (plus {@code /metrics}) on a Javalin app: health, server and model
 * metadata, model readiness, inference, in JSON or with the binary tensor data extension. Routes
 * with {@code /versions/1} are accepted too, as KServe clients send them. Everything but health
 * needs the bearer token when one is set; a wrong method on a known path is a 405.
 */
public final class OipController {

    private static final String CLIENT = "frontier.client";
    private static final String START = "frontier.start";
    /** The extension name Triton lists for binary tensor data; clients look for it. */
    public static final String EXTENSION_BINARY = "binary_tensor_data";
    private static final Pattern MODEL_PATH = Pattern.compile("^/v2/models/[^/]+(/versions/[^/]+)?");

    private final ModelRegistry registry;
    private final InferenceService inference;
    private final BearerAuth auth;
    private final ServerMetrics metrics;
    private final ClientAudit audit;
    private final ServeLimits limits;
    private final InferRequestReader reader;
    private final InferResponseWriter writer;
    private final JsonWriter json;
    private final ErrorMapper errors;

    public OipController(ModelRegistry registry, InferenceService inference, BearerAuth auth, ServerMetrics metrics,
                         ClientAudit audit, ServeLimits limits, ObjectMapper mapper) {
        this.registry = registry;
        this.inference = inference;
        this.auth = auth;
        this.metrics = metrics;
        this.audit = audit;
        this.limits = limits;
        this.reader = new InferRequestReader(mapper);
        this.writer = new InferResponseWriter(mapper);
        this.json = new JsonWriter(mapper);
        this.errors = new ErrorMapper(json);
    }

    /** Declares every route, the auth filter and the exception mapper on {@code app}. */
    public void register(Javalin app) {
        app.before(ctx -> ctx.attribute(START, System.nanoTime()));
        app.before(this::authenticate);
        app.after(this::record);
        app.get("/v2/health/live", ctx -> json.write(ctx, Map.of("live", true)));
        app.get("/v2/health/ready", ctx -> json.write(ctx, Map.of("ready", true)));
        app.get("/v2", this::serverMetadata);
        app.get("/v2/models/{name}", ctx -> json.write(ctx, model(ctx).metadata()));
        app.get("/v2/models/{name}/versions/{version}", ctx -> json.write(ctx, model(ctx).metadata()));
        app.get("/v2/models/{name}/ready", this::modelReady);
        app.get("/v2/models/{name}/versions/{version}/ready", this::modelReady);
        app.post("/v2/models/{name}/infer", this::infer);
        app.post("/v2/models/{name}/versions/{version}/infer", this::infer);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render()));
        app.exception(Exception.class, errors::handle);
        app.error(404, errors::unmatched);
        app.error(405, errors::unmatched);
    }

    /** Records a finished request in the metrics, before its answer is sent. */
    private void record(Context ctx) {
        Long start = ctx.attribute(START);
        double seconds = start == null ? 0 : (System.nanoTime() - start) / 1e9;
        metrics.request(ctx.method().name(), endpointLabel(ctx.path()), ctx.statusCode(), seconds);
    }

    /** The route template of {@code path}, so that metrics have few label values. */
    static String endpointLabel(String path) {
        String p = MODEL_PATH.matcher(path).replaceFirst("/v2/models/{name}");
        return switch (p) {
            case "/v2/health/live", "/v2/health/ready", "/v2", "/metrics", "/v2/models/{name}", "/v2/models/{name}/ready",
                 "/v2/models/{name}/infer" -> p;
            default -> "other";
        };
    }

    private void authenticate(Context ctx) {
        if (ctx.path().startsWith("/v2/health/")) {
            return;
        }
        ctx.attribute(CLIENT, auth.authenticate(ctx.header("Authorization"), ctx.ip()));
    }

    private void serverMetadata(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "frontier");
        m.put("version", FrontierVersion.VERSION);
        m.put("extensions", List.of(EXTENSION_BINARY));
        m.put("models", registry.names());
        m.put("limits", limits.asMap());
        json.write(ctx, m);
    }

    private void modelReady(Context ctx) {
        ServedModel m = model(ctx);
        json.write(ctx, Map.of("name", m.name(), "ready", true));
    }

    private void infer(Context ctx) throws IOException {
        ServedModel model = model(ctx);
        long declared = ctx.req().getContentLengthLong();
        if (declared > limits.maxBodyBytes()) {
            throw BoundedInputStream.tooLarge(limits.maxBodyBytes());
        }
        String headerLength = ctx.header(BinaryTensors.HEADER_LENGTH);
        InferRequest request;
        try (InputStream in = new BoundedInputStream(ctx.req().getInputStream(), limits.maxBodyBytes())) {
            request = headerLength == null ? reader.read(in) : readBinary(in, headerLength);
        }
        InferenceService.Outcome outcome = inference.infer(model.name(), request);
        metrics.images(model.name(), outcome.images());
        String client = ctx.attribute(CLIENT);
        audit.record(client == null ? ctx.ip() : client, model.name(), outcome.images());
        EncodedBody answer = writer.write(outcome.response(), request::binary);
        if (!answer.binary()) {
            ctx.contentType("application/json");
        } else {
            ctx.contentType("application/octet-stream").header(BinaryTensors.HEADER_LENGTH, String.valueOf(answer.headerLength()));
        }
        ctx.result(answer.body());
    }

    /** A JSON header of {@code headerLength} bytes, then the inputs' raw contents. */
    private InferRequest readBinary(InputStream in, String headerLength) throws IOException {
        int n;
        try {
            n = Integer.parseInt(headerLength.trim());
        } catch (NumberFormatException e) {
            throw OipException.badRequest(BinaryTensors.HEADER_LENGTH + " must be a byte count, got '" + headerLength + "'");
        }
        byte[] body = in.readAllBytes();
        if (n < 0 || n > body.length) {
            throw OipException.badRequest(BinaryTensors.HEADER_LENGTH + " is " + n + " but the body holds " + body.length + " bytes");
        }
        InferRequest header = reader.read(new ByteArrayInputStream(body, 0, n));
        return BinaryTensors.attach(header, body, n);
    }

    private ServedModel model(Context ctx) {
        String version = ctx.pathParamMap().get("version");
        ServedModel m = registry.get(ctx.pathParam("name"));
        if (version != null && !version.equals("1")) {
            throw OipException.notFound("model '" + m.name() + "' has no version '" + version + "' (it has: 1)");
        }
        return m;
    }
}
