package ml.frontier.serve.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ml.frontier.core.FrontierException;
import ml.frontier.serve.protocol.BinaryTensors;
import ml.frontier.serve.protocol.Datatypes;
import ml.frontier.serve.protocol.EncodedBody;
import ml.frontier.serve.protocol.InferRequestWriter;
import ml.frontier.serve.protocol.ModelMetadata;
import ml.frontier.serve.protocol.TensorBytes;
import ml.frontier.serve.protocol.TensorMetadata;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The REST protocol for one model URL ({@code http(s)://host:port/v2/models/NAME[/versions/V]}),
 * with tensors in JSON or with the binary tensor data extension.
 */
final class RestTransport implements InferTransport {

    private final String url;
    private final URI modelUri;
    private final URI inferUri;
    private final URI serverUri;
    private final HttpTransport http;
    private final InferRequestWriter writer;
    private final WireBytes bytes = new WireBytes();
    private volatile boolean binary;

    RestTransport(String url, HttpTransport http, ObjectMapper mapper) {
        this.url = url;
        this.modelUri = URI.create(url);
        this.inferUri = URI.create(url + "/infer");
        this.serverUri = URI.create(url.substring(0, url.lastIndexOf("/v2/models/")) + "/v2");
        this.http = http;
        this.writer = new InferRequestWriter(mapper);
    }

    /** Sends tensors as binary data from now on (or as JSON). */
    void useBinary(boolean on) {
        this.binary = on;
    }

    /** True when {@code GET /v2} lists the binary tensor data extension; false when it does not or fails. */
    boolean serverListsBinary(long deadlineNanos) {
        try {
            HttpTransport.Answer a = http.get(serverUri, deadlineNanos);
            for (JsonNode e : http.json(a, serverUri).path("extensions")) {
                if ("binary_tensor_data".equals(e.asText())) {
                    return true;
                }
            }
        } catch (FrontierException e) {
            // servers that do not answer /v2 (or refuse it) get JSON, which every server speaks
        }
        return false;
    }

    @Override
    public ModelMetadata metadata(long deadlineNanos) throws FrontierException {
        HttpTransport.Answer a = http.get(modelUri, deadlineNanos);
        bytes.addReceived(a.body().length);
        JsonNode meta = http.json(a, modelUri);
        List<String> versions = new ArrayList<>();
        meta.path("versions").forEach(v -> versions.add(v.asText()));
        return new ModelMetadata(meta.path("name").asText(""), versions, meta.path("platform").asText(""),
                tensors(meta.path("inputs"), "input"), tensors(meta.path("outputs"), "output"));
    }

    /** Lenient: other servers leave out what Frontier would write. */
    private static List<TensorMetadata> tensors(JsonNode array, String defaultName) {
        List<TensorMetadata> out = new ArrayList<>();
        for (JsonNode t : array) {
            JsonNode s = t.path("shape");
            long[] shape = new long[s.isArray() ? s.size() : 0];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = s.get(i).asLong();
            }
            String name = t.path("name").asText("");
            out.add(new TensorMetadata(name.isBlank() ? defaultName : name, t.path("datatype").asText(Datatypes.FP32), shape));
        }
        return out;
    }

    @Override
    public OutputTensor[] infer(InferCall call, long deadlineNanos) throws FrontierException {
        EncodedBody body = writer.write(call.inputName(), call.datatype(), call.shape(), call.values(), call.outputOrNull(), binary);
        Map<String, String> headers = body.binary()
                ? Map.of("Content-Type", "application/octet-stream", BinaryTensors.HEADER_LENGTH, String.valueOf(body.headerLength()))
                : Map.of("Content-Type", "application/json");
        bytes.addSent(body.body().length);
        HttpTransport.Answer a = http.post(inferUri, body.body(), headers, deadlineNanos);
        bytes.addReceived(a.body().length);
        return outputs(a);
    }

    private OutputTensor[] outputs(HttpTransport.Answer a) throws FrontierException {
        byte[] body = a.body();
        String h = a.headers().firstValue(BinaryTensors.HEADER_LENGTH).orElse(null);
        int headerLength = body.length;
        if (h != null) {
            try {
                headerLength = Integer.parseInt(h.trim());
            } catch (NumberFormatException e) {
                headerLength = -1;
            }
            if (headerLength < 0 || headerLength > body.length) {
                throw new FrontierException(url + " answered " + BinaryTensors.HEADER_LENGTH + " '" + h + "' for a body of "
                        + body.length + " bytes");
            }
        }
        HttpTransport.Answer header = new HttpTransport.Answer(Arrays.copyOf(body, headerLength), a.headers());
        JsonNode outputs = http.json(header, inferUri).path("outputs");
        List<OutputTensor> out = new ArrayList<>();
        int at = headerLength;
        for (JsonNode o : outputs) {
            String name = o.path("name").asText("?");
            String datatype = o.path("datatype").asText("");
            long[] shape = longs(o.path("shape"));
            JsonNode size = o.path("parameters").path("binary_data_size");
            double[] values;
            if (size.isIntegralNumber()) {
                int n = size.asInt();
                int element = Datatypes.elementSize(datatype);
                if (n < 0 || n > body.length - at || element <= 0 || n % element != 0) {
                    throw new FrontierException(url + ": output '" + name + "' announces " + n + " bytes of " + datatype
                            + " but the body holds " + (body.length - at) + " after the header");
                }
                values = TensorBytes.decodeDoubles(datatype, body, at, n);
                at += n;
            } else {
                values = JsonValues.flatten(o.path("data"), url, name);
            }
            out.add(new OutputTensor(name, datatype, shape, values));
        }
        return out.toArray(new OutputTensor[0]);
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.isArray() ? array.size() : 0];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    @Override
    public String encoding() {
        return binary ? "REST binary" : "REST JSON";
    }

    @Override
    public WireBytes bytes() {
        return bytes;
    }

    /** Nothing to release: the HTTP client's idle connections time out by themselves. */
    @Override
    public void close() {}
}
