package ml.frontier.serve.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import ml.frontier.serve.OipException;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an OIP inference request with Jackson's streaming parser, so a batch of tensors is
 * parsed straight into a {@code float[]} without a tree of boxed numbers.
 *
 * <p>Data may be flat or nested arrays. Of the parameters only those of the binary extension are
 * read ({@code binary_data_size} on an input, {@code binary_data_output} on the request,
 * {@code binary_data} on a requested output); other unknown fields are skipped.
 * Every failure is an {@link OipException} 400 whose message says what is wrong: malformed JSON,
 * a missing field, a non-number in the data, or a non-finite value ({@code NaN},
 * {@code Infinity}, an overflowing literal, or such a string).
 */
public final class InferRequestReader {

    private final ObjectMapper mapper;

    public InferRequestReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Parses one request from {@code in} (which the caller closes). */
    public InferRequest read(InputStream in) throws IOException {
        try (JsonParser p = mapper.getFactory().createParser(in)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw OipException.badRequest("the request body must be a JSON object");
            }
            InferRequest request = readRequest(p);
            if (p.nextToken() != null) {
                throw OipException.badRequest("malformed JSON: extra content after the request object");
            }
            return request;
        } catch (JsonProcessingException e) {
            throw OipException.badRequest("malformed JSON: " + e.getOriginalMessage());
        }
    }

    private InferRequest readRequest(JsonParser p) throws IOException {
        String id = null;
        List<RequestTensor> inputs = null;
        List<String> outputs = List.of();
        Set<String> binaryOutputs = new HashSet<>();
        boolean allBinary = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "id" -> id = readString(p, value, "id");
                case "inputs" -> inputs = readInputs(p, value);
                case "outputs" -> outputs = readOutputs(p, value, binaryOutputs);
                case "parameters" -> allBinary = Boolean.TRUE.equals(readParameter(p, value, "binary_data_output"));
                default -> p.skipChildren();
            }
        }
        if (inputs == null) {
            throw OipException.badRequest("the request has no \"inputs\"");
        }
        return new InferRequest(id, inputs, outputs, allBinary, binaryOutputs);
    }

    private List<RequestTensor> readInputs(JsonParser p, JsonToken value) throws IOException {
        expect(value, JsonToken.START_ARRAY, "\"inputs\" must be an array");
        List<RequestTensor> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p.currentToken(), JsonToken.START_OBJECT, "each input must be an object");
            out.add(readTensor(p, out.size()));
        }
        return out;
    }

    private RequestTensor readTensor(JsonParser p, int index) throws IOException {
        String name = null;
        long[] shape = null;
        String datatype = null;
        float[] data = null;
        long binarySize = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "name" -> name = readString(p, value, "input name");
                case "shape" -> shape = readShape(p, value);
                case "datatype" -> datatype = readString(p, value, "datatype");
                case "data" -> data = readData(p, value, index);
                case "parameters" -> binarySize = binarySize(readParameter(p, value, "binary_data_size"), index);
                default -> p.skipChildren();
            }
        }
        String what = "input " + (name != null ? "'" + name + "'" : "#" + index);
        if (shape == null) {
            throw OipException.badRequest(what + " has no \"shape\"");
        }
        if (datatype == null) {
            throw OipException.badRequest(what + " has no \"datatype\"");
        }
        if (data == null && binarySize < 0) {
            throw OipException.badRequest(what + " has no \"data\" (nor a binary_data_size parameter)");
        }
        return new RequestTensor(name == null ? "" : name, shape, datatype, binarySize >= 0 ? null : data, binarySize);
    }

    private static long binarySize(Object value, int index) {
        if (value == null) {
            return -1;
        }
        if (!(value instanceof Long n) || n < 0) {
            throw OipException.badRequest("input #" + index + ": binary_data_size must be a non-negative integer, found " + value);
        }
        return n;
    }

    /**
     * The value of parameter {@code wanted} in a {@code "parameters"} object (a Long, Boolean,
     * String or Double), or null; other parameters are skipped.
     */
    private static Object readParameter(JsonParser p, JsonToken value, String wanted) throws IOException {
        expect(value, JsonToken.START_OBJECT, "\"parameters\" must be an object");
        Object found = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (!key.equals(wanted)) {
                p.skipChildren();
                continue;
            }
            found = switch (v) {
                case VALUE_NUMBER_INT -> p.getLongValue();
                case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_STRING -> p.getText();
                default -> {
                    p.skipChildren();
                    yield describe(v);
                }
            };
        }
        return found;
    }

    private static long[] readShape(JsonParser p, JsonToken value) throws IOException {
        expect(value, JsonToken.START_ARRAY, "\"shape\" must be an array of integers");
        long[] dims = new long[8];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw OipException.badRequest("\"shape\" must be an array of integers");
            }
            if (n == dims.length) {
                throw OipException.badRequest("\"shape\" has more than " + dims.length + " dimensions");
            }
            dims[n++] = p.getLongValue();
        }
        return Arrays.copyOf(dims, n);
    }

    private static float[] readData(JsonParser p, JsonToken value, int input) throws IOException {
        FloatBuffer buf = new FloatBuffer();
        if (value == JsonToken.START_ARRAY) {
            readArray(p, buf, input);
        } else {
            buf.add(number(p, value, input, 0));
        }
        return buf.toArray();
    }

    private static void readArray(JsonParser p, FloatBuffer buf, int input) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.START_ARRAY) {
                readArray(p, buf, input);
            } else {
                buf.add(number(p, t, input, buf.size()));
            }
        }
    }

    private static float number(JsonParser p, JsonToken t, int input, int at) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            float v = p.getFloatValue();
            if (!Float.isFinite(v)) {
                throw OipException.badRequest("input #" + input + " holds a non-finite value (" + p.getText()
                        + ") at element " + at + ": values must be finite numbers");
            }
            return v;
        }
        if (t == JsonToken.VALUE_STRING) {
            String s = p.getText().trim();
            if (s.matches("(?i)[+-]?(nan|inf|infinity)")) {
                throw OipException.badRequest("input #" + input + " holds a non-finite value (\"" + s
                        + "\") at element " + at + ": values must be finite numbers");
            }
        }
        throw OipException.badRequest("input #" + input + " data must hold numbers, found " + describe(t)
                + " at element " + at);
    }

    private static String readString(JsonParser p, JsonToken value, String what) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw OipException.badRequest("\"" + what + "\" must be a string, found " + describe(value));
        }
        return p.getText();
    }

    private static List<String> readOutputs(JsonParser p, JsonToken value, Set<String> binary) throws IOException {
        expect(value, JsonToken.START_ARRAY, "\"outputs\" must be an array");
        List<String> names = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p.currentToken(), JsonToken.START_OBJECT, "each requested output must be an object with a \"name\"");
            String name = null;
            boolean asBinary = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("name")) {
                    name = readString(p, v, "output name");
                } else if (field.equals("parameters")) {
                    asBinary = Boolean.TRUE.equals(readParameter(p, v, "binary_data"));
                } else {
                    p.skipChildren();
                }
            }
            if (name == null) {
                throw OipException.badRequest("a requested output has no \"name\"");
            }
            names.add(name);
            if (asBinary) {
                binary.add(name);
            }
        }
        return names;
    }

    private static void expect(JsonToken actual, JsonToken expected, String message) {
        if (actual != expected) {
            throw OipException.badRequest(message + ", found " + describe(actual));
        }
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the body";
        }
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    /** A growable float array. */
    private static final class FloatBuffer {
        private float[] data = new float[1024];
        private int size;

        void add(float v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = v;
        }

        int size() {
            return size;
        }

        float[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
