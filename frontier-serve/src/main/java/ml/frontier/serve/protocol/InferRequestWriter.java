package ml.frontier.serve.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes an OIP inference request for one FP32 tensor with Jackson's streaming generator. */
public final class InferRequestWriter {

    private final ObjectMapper mapper;

    public InferRequestWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * {@code {"inputs":[{"name","shape","datatype":"FP32","data":[...]}], "outputs":[{"name":output}]}};
     * the outputs part only when {@code outputOrNull} is given.
     */
    public byte[] write(String inputName, long[] shape, float[] data, String outputOrNull) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length * 6 + 256);
        try (JsonGenerator g = mapper.getFactory().createGenerator(bytes)) {
            g.writeStartObject();
            g.writeArrayFieldStart("inputs");
            g.writeStartObject();
            g.writeStringField("name", inputName);
            g.writeArrayFieldStart("shape");
            for (long d : shape) {
                g.writeNumber(d);
            }
            g.writeEndArray();
            g.writeStringField("datatype", Datatypes.FP32);
            g.writeArrayFieldStart("data");
            for (float v : data) {
                g.writeNumber(v);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            if (outputOrNull != null) {
                g.writeArrayFieldStart("outputs");
                g.writeStartObject();
                g.writeStringField("name", outputOrNull);
                g.writeEndObject();
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
