package ml.frontier.serve.protocol;

import java.util.Arrays;

/**
 * One input tensor as read from a request: name, shape, datatype and its data flattened in
 * row-major order. Every value is finite (the reader rejects the rest).
 */
public record RequestTensor(String name, long[] shape, String datatype, float[] data) {

    public RequestTensor {
        if (shape == null) {
            throw new IllegalArgumentException("a tensor needs a shape");
        }
        if (data == null) {
            throw new IllegalArgumentException("a tensor needs data");
        }
    }

    /** The product of the shape, or -1 when a dimension is negative or it overflows. */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                return -1;
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** "[2, 784]". */
    public String shapeText() {
        return Arrays.toString(shape);
    }
}
