package ml.frontier.serve.protocol;

import ml.frontier.serve.OipException;

import java.util.ArrayList;
import java.util.List;

/**
 * The binary tensor data extension (Triton's {@code binary_data_size}): the body is a JSON
 * header of {@code Inference-Header-Content-Length} bytes followed by the raw contents of the
 * inputs that announce a {@code binary_data_size}, in the order of the inputs.
 */
public final class BinaryTensors {

    /** The HTTP header that gives the JSON header's length. */
    public static final String HEADER_LENGTH = "Inference-Header-Content-Length";

    private BinaryTensors() {}

    /**
     * Decodes the binary inputs of {@code header} from {@code body[offset..]}. Fails with a 400
     * when a size does not match its shape and datatype, or the blobs do not fill the body.
     */
    public static InferRequest attach(InferRequest header, byte[] body, int offset) {
        List<RequestTensor> inputs = new ArrayList<>();
        int at = offset;
        for (int i = 0; i < header.inputs().size(); i++) {
            RequestTensor t = header.inputs().get(i);
            if (t.binarySize() < 0) {
                inputs.add(t);
                continue;
            }
            if (t.binarySize() > body.length - at) {
                throw OipException.badRequest(t.describe(i) + " announces " + t.binarySize() + " bytes of binary data but only "
                        + (body.length - at) + " follow the JSON header");
            }
            float[] values = decode(t, i, body, at, (int) t.binarySize());
            inputs.add(t.withData(values));
            at += (int) t.binarySize();
        }
        if (at != body.length) {
            throw OipException.badRequest((body.length - at) + " bytes after the JSON header belong to no input "
                    + "(the binary_data_size values add up to " + (at - offset) + ")");
        }
        return header.withInputs(inputs);
    }

    /**
     * The raw contents {@code bytes[offset, offset+length)} of input {@code t} (number
     * {@code index}) as floats; a 400 when the datatype is not numeric, the length does
     * not fit the shape, or a value is not finite.
     */
    public static float[] decode(RequestTensor t, int index, byte[] bytes, int offset, int length) {
        int size = Datatypes.elementSize(t.datatype());
        if (!Datatypes.NUMERIC.contains(t.datatype())) {
            throw OipException.badRequest(t.describe(index) + " has datatype " + t.datatype()
                    + ", which cannot carry an image (use one of " + String.join(", ", Datatypes.IMAGE_INPUTS) + ")");
        }
        long count = t.elementCount();
        if (count < 0 || count * size != length) {
            throw OipException.badRequest(t.describe(index) + " has " + length + " bytes of raw " + t.datatype()
                    + " data but shape " + t.shapeText() + " needs " + (count < 0 ? "non-negative dimensions" : count * size + " bytes"));
        }
        float[] values = TensorBytes.decodeFloats(t.datatype(), bytes, offset, length);
        requireFinite(values, t.describe(index));
        return values;
    }

    /** A 400 naming the first NaN or infinite element. */
    public static void requireFinite(float[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw OipException.badRequest(what + " holds a non-finite value (" + values[i] + ") at element " + i
                        + ": values must be finite numbers");
            }
        }
    }
}
