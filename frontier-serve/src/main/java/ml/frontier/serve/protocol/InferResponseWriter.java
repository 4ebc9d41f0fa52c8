package ml.frontier.serve.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Writes an inference response with Jackson's streaming generator: all in JSON, or, for the
 * outputs the client asked as binary, a JSON header whose tensors carry
 * {@code parameters.binary_data_size} followed by their raw contents in the same order.
 */
public final class InferResponseWriter {

    private final ObjectMapper mapper;

    public InferResponseWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public EncodedBody write(InferResponse response, Predicate<String> binary) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        List<byte[]> blobs = new ArrayList<>();
        try (JsonGenerator g = mapper.getFactory().createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("model_name", response.modelName());
            g.writeStringField("model_version", "1");
            if (response.id() != null) {
                g.writeStringField("id", response.id());
            }
            g.writeArrayFieldStart("outputs");
            for (ResponseTensor t : response.outputs()) {
                g.writeStartObject();
                g.writeStringField("name", t.name());
                g.writeStringField("datatype", t.datatype());
                g.writeArrayFieldStart("shape");
                for (long d : t.shape()) {
                    g.writeNumber(d);
                }
                g.writeEndArray();
                if (binary.test(t.name())) {
                    byte[] raw = t.bytes();
                    blobs.add(raw);
                    g.writeObjectFieldStart("parameters");
                    g.writeNumberField("binary_data_size", raw.length);
                    g.writeEndObject();
                } else {
                    writeData(g, t);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (blobs.isEmpty()) {
            return new EncodedBody(bytes.toByteArray(), -1);
        }
        int header = bytes.size();
        for (byte[] b : blobs) {
            bytes.writeBytes(b);
        }
        return new EncodedBody(bytes.toByteArray(), header);
    }

    private static void writeData(JsonGenerator g, ResponseTensor t) throws IOException {
        g.writeArrayFieldStart("data");
        if (t.data() instanceof int[] ints) {
            for (int v : ints) {
                g.writeNumber(v);
            }
        } else {
            boolean half = Datatypes.FP16.equals(t.datatype());
            for (float v : (float[]) t.data()) {
                g.writeNumber(half ? Half.round(v) : v);
            }
        }
        g.writeEndArray();
    }
}
