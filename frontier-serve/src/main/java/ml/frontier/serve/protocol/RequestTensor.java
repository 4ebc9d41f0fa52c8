package ml.frontier.serve.protocol;

import java.util.Arrays;

/**
 * One input tensor as read from a request: name, shape, datatype and its values flattened in
 * row-major order, as sent (not yet scaled to pixels). Every value is finite (the readers reject
 * the rest).
 *
 * <p>With the binary extension the JSON header only announces the data:
 * {@code binarySize ≥ 0} bytes follow the header and {@code data} is null until
 * {@link BinaryTensors#attach} fills it. {@code binarySize} is -1 for data given in JSON.
 */
public record RequestTensor(String name, long[] shape, String datatype, float[] data, long binarySize) {

    public RequestTensor {
        if (shape == null) {
            throw new IllegalArgumentException("a tensor needs a shape");
        }
        if (data == null && binarySize < 0) {
            throw new IllegalArgumentException("a tensor needs data");
        }
    }

    /** A tensor whose data came in JSON (or a gRPC message). */
    public RequestTensor(String name, long[] shape, String datatype, float[] data) {
        this(name, shape, datatype, data, -1);
    }

    /** This tensor with its binary data decoded. */
    public RequestTensor withData(float[] values) {
        return new RequestTensor(name, shape, datatype, values, binarySize);
    }

    /** The product of the shape, or -1 when a dimension is negative or it overflows. */
    public long elementCount() {
        long n = 1;
        try {
            for (long d : shape) {
                if (d < 0) {
                    return -1;
                }
                n = Math.multiplyExact(n, d);
            }
        } catch (ArithmeticException e) {
            return -1;
        }
        return n;
    }

    /** "input 'x'" or "input #i", for messages. */
    public String describe(int index) {
        return name == null || name.isEmpty() ? "input #" + index : "input '" + name + "'";
    }

    /** "[2, 784]". */
    public String shapeText() {
        return Arrays.toString(shape);
    }
}
