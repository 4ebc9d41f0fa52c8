package ml.frontier.serve.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import ml.frontier.serve.protocol.Datatypes;
import ml.frontier.serve.protocol.OipJson;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Classifier} over an Open Inference Protocol v2 endpoint: Frontier's own server,
 * KServe, Triton, MLServer or TorchServe in KServe mode, over REST or gRPC.
 *
 * <pre>{@code
 * try (RemoteClassifier remote = RemoteClassifier.connect("http://127.0.0.1:8080/v2/models/mnist", token)) {
 *     int[] labels = remote.predict(images);
 *     long cost = remote.queries();
 * }
 * }</pre>
 *
 * <p>{@link #connect} reads the model metadata to learn the input tensor's name, datatype and
 * shape and the class count; images (pixels in [0,1]) are converted to the declared datatype,
 * 0–255 for UINT8 and INT64. Over REST the binary tensor data extension is used when the
 * server lists it in {@code GET /v2} (or when asked), JSON otherwise. Batches larger than
 * {@link ClientOptions#maxBatch()} are split. Connection errors and 429/502/503/504 are retried
 * with exponential backoff within the overall deadline; other errors fail with the status and
 * the server's text. Each image sent counts as one query.
 */
public final class RemoteClassifier implements Classifier {

    private final String url;
    private final EndpointInfo info;
    private final ClientOptions options;
    private final InferTransport transport;
    private final Retrier deadlines;
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();

    private RemoteClassifier(String url, EndpointInfo info, ClientOptions options, InferTransport transport) {
        this.url = url;
        this.info = info;
        this.options = options;
        this.transport = transport;
        this.deadlines = new Retrier(options);
    }

    /** Connects with {@link ClientOptions#defaults()}; {@code token} may be null. */
    public static RemoteClassifier connect(String modelUrl, String token) throws FrontierException {
        return connect(modelUrl, token, ClientOptions.defaults());
    }

    /**
     * Reads the metadata at {@code modelUrl} ({@code http(s)://host:port/v2/models/NAME}, or
     * {@code grpc(s)://host:port/NAME}, optionally with {@code /versions/V}) and returns a
     * classifier over it.
     */
    public static RemoteClassifier connect(String modelUrl, String token, ClientOptions options) throws FrontierException {
        RemoteUrl target = RemoteUrl.parse(modelUrl);
        String t = token == null || token.isBlank() ? null : token.trim();
        Retrier retrier = new Retrier(options);
        long deadline = retrier.deadlineFromNow();
        InferTransport transport;
        if (target.grpc()) {
            transport = new GrpcTransport(target, t, options);
        } else {
            ObjectMapper mapper = OipJson.newMapper();
            RestTransport rest = new RestTransport(target.text(), new HttpTransport(options, t, mapper), mapper);
            rest.useBinary(switch (options.wire()) {
                case BINARY -> true;
                case JSON -> false;
                case AUTO -> rest.serverListsBinary(deadline);
            });
            transport = rest;
        }
        try {
            EndpointInfo info = EndpointInfo.parse(transport.metadata(deadline), target.text(), options);
            return new RemoteClassifier(target.text(), info, options, transport);
        } catch (FrontierException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    @Override
    public int[] predict(ImageBatch images) throws FrontierException {
        checkShape(images, "the query");
        long deadline = deadlines.deadlineFromNow();
        int[] out = new int[images.n()];
        for (int from = 0; from < images.n(); from += options.maxBatch()) {
            int to = Math.min(images.n(), from + options.maxBatch());
            ImageBatch part = from == 0 && to == images.n() ? images : images.slice(from, to);
            calls.incrementAndGet();
            queries.addAndGet(part.n());
            InferCall call = new InferCall(info.inputName(), info.datatype(), info.wireShape(part.n()),
                    info.wireValues(part.data()), info.labelOutput());
            int[] labels = ResponseDecoder.labels(transport.infer(call, deadline), part.n(), info.numClasses(), url);
            System.arraycopy(labels, 0, out, from, labels.length);
        }
        return out;
    }

    /** Images sent so far (one query = one image). */
    public long queries() {
        return queries.get();
    }

    /** Inference requests sent so far. */
    public long calls() {
        return calls.get();
    }

    /** Payload bytes sent so far (request bodies or gRPC messages, metadata included). */
    public long bytesSent() {
        return transport.bytes().sent();
    }

    /** Payload bytes received so far. */
    public long bytesReceived() {
        return transport.bytes().received();
    }

    /** "REST JSON", "REST binary" or "gRPC". */
    public String encoding() {
        return transport.encoding();
    }

    /** The input datatype the model declares (what the images are converted to). */
    public String inputDatatype() {
        return info.datatype();
    }

    /** The model URL this classifier queries. */
    public String url() {
        return url;
    }

    @Override
    public ImageShape inputShape() {
        return info.shape();
    }

    @Override
    public int numClasses() {
        return info.numClasses();
    }

    /** "remote URL (gRPC, UINT8 input: pixels sent as 0–255)". */
    @Override
    public String describe() {
        String scale = Datatypes.pixelsAsBytes(info.datatype()) ? ", pixels sent as 0-255" : "";
        return "remote " + url + " (" + transport.encoding() + ", " + info.datatype() + " input" + scale + ")";
    }

    /** Closes the gRPC channel, if any. */
    @Override
    public void close() {
        transport.close();
    }
}
