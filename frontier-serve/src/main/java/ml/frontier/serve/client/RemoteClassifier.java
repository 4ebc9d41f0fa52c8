package ml.frontier.serve.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import ml.frontier.serve.protocol.InferRequestWriter;
import ml.frontier.serve.protocol.OipJson;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A {@link Classifier} over an Open Inference Protocol v2 endpoint: Frontier's own server,
 * KServe, Triton, MLServer or TorchServe in KServe mode.
 *
 * <pre>{@code
 * try (RemoteClassifier remote = RemoteClassifier.connect("http://127.0.0.1:8080/v2/models/mnist", token)) {
 *     int[] labels = remote.predict(images);
 *     long cost = remote.queries();
 * }
 * }</pre>
 *
 * <p>{@link #connect} reads the model metadata to learn the input tensor's name and shape and
 * the class count. Batches larger than {@link ClientOptions#maxBatch()} are split. Connection
 * errors are retried with exponential backoff; HTTP errors never are (they fail with the status
 * and the server's error text). Each image sent counts as one query.
 */
public final class RemoteClassifier implements Classifier {

    private static final Pattern MODEL_URL = Pattern.compile("https?://[^/]+(/.*)?/v2/models/[^/]+(/versions/[^/]+)?/?");

    private final String url;
    private final URI inferUri;
    private final EndpointInfo info;
    private final ClientOptions options;
    private final HttpTransport transport;
    private final InferRequestWriter encoder;
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();

    private RemoteClassifier(String url, EndpointInfo info, ClientOptions options, HttpTransport transport, ObjectMapper mapper)
            throws URISyntaxException {
        this.url = url;
        this.inferUri = new URI(url + "/infer");
        this.info = info;
        this.options = options;
        this.transport = transport;
        this.encoder = new InferRequestWriter(mapper);
    }

    /** Connects with {@link ClientOptions#defaults()}; {@code token} may be null. */
    public static RemoteClassifier connect(String modelUrl, String token) throws FrontierException {
        return connect(modelUrl, token, ClientOptions.defaults());
    }

    /**
     * Reads the metadata at {@code modelUrl} ({@code http://host:port/v2/models/NAME}, optionally
     * with {@code /versions/V}) and returns a classifier over it.
     */
    public static RemoteClassifier connect(String modelUrl, String token, ClientOptions options) throws FrontierException {
        if (modelUrl == null || !MODEL_URL.matcher(modelUrl.trim()).matches()) {
            throw new FrontierException("'" + modelUrl + "' is not an Open Inference Protocol model URL; expected "
                    + "http://host:port/v2/models/NAME");
        }
        String url = modelUrl.trim().replaceAll("/+$", "");
        ObjectMapper mapper = OipJson.newMapper();
        HttpTransport transport = new HttpTransport(options, token == null || token.isBlank() ? null : token.trim(), mapper);
        try {
            URI meta = new URI(url);
            EndpointInfo info = EndpointInfo.parse(transport.get(meta), url, options);
            return new RemoteClassifier(url, info, options, transport, mapper);
        } catch (URISyntaxException e) {
            throw new FrontierException("'" + modelUrl + "' is not a valid URL: " + e.getMessage());
        }
    }

    @Override
    public int[] predict(ImageBatch images) throws FrontierException {
        checkShape(images, "the query");
        int[] out = new int[images.n()];
        for (int from = 0; from < images.n(); from += options.maxBatch()) {
            int to = Math.min(images.n(), from + options.maxBatch());
            ImageBatch part = from == 0 && to == images.n() ? images : images.slice(from, to);
            calls.incrementAndGet();
            queries.addAndGet(part.n());
            int[] labels = ResponseDecoder.labels(transport.post(inferUri, encoder.write(info.inputName(), info.wireShape(part.n()), part.data(), info.labelOutput())), part.n(),
                    info.numClasses(), url);
            System.arraycopy(labels, 0, out, from, labels.length);
        }
        return out;
    }

    /** Images sent so far (one query = one image). */
    public long queries() {
        return queries.get();
    }

    /** HTTP inference requests sent so far. */
    public long calls() {
        return calls.get();
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

    @Override
    public String describe() {
        return "remote " + url;
    }

    /** Nothing to release: the HTTP client's idle connections time out by themselves. */
    @Override
    public void close() {}
}
