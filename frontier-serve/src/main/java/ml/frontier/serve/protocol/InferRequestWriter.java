package ml.frontier.serve.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes an OIP inference request for one input tensor with Jackson's streaming generator, in
 * JSON or with the binary tensor data extension (input contents after the JSON header, outputs
 * asked back as binary).
 */
public final class InferRequestWriter {

    private final ObjectMapper mapper;

    public InferRequestWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * {@code {"inputs":[{"name","shape","datatype","data":[...]}], "outputs":[{"name":output}]}};
     * the outputs part only when {@code outputOrNull} is given. Integer datatypes are written as
     * rounded integers. With {@code binary}, the data goes after the header and
     * {@link EncodedBody#headerLength()} is the header's length.
     */
    public EncodedBody write(String inputName, String datatype, long[] shape, float[] values,
                                             String outputOrNull, boolean binary) {
        byte[] raw = binary ? TensorBytes.encode(datatype, values) : null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(binary ? raw.length + 512 : values.length * 6 + 256);
        boolean integers = Datatypes.INTEGERS.contains(datatype);
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
            g.writeStringField("datatype", datatype);
            if (binary) {
                g.writeObjectFieldStart("parameters");
                g.writeNumberField("binary_data_size", raw.length);
                g.writeEndObject();
            } else {
                g.writeArrayFieldStart("data");
                for (float v : values) {
                    if (integers) {
                        g.writeNumber(Math.round(v));
                    } else {
                        g.writeNumber(v);
                    }
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndArray();
            if (outputOrNull != null) {
                g.writeArrayFieldStart("outputs");
                g.writeStartObject();
                g.writeStringField("name", outputOrNull);
                g.writeEndObject();
                g.writeEndArray();
            }
            if (binary) {
                g.writeObjectFieldStart("parameters");
                g.writeBooleanField("binary_data_output", true);
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!binary) {
            return new EncodedBody(bytes.toByteArray(), -1);
        }
        int header = bytes.size();
        bytes.writeBytes(raw);
        return new EncodedBody(bytes.toByteArray(), header);
    }
}
