package ml.frontier.serve.protocol;

/**
 * One output tensor of a response. {@code data} is a flat primitive array: {@code int[]} for
 * labels (INT64 or INT32), {@code float[]} for probabilities (FP32 or FP16; FP16 values are
 * rounded when written).
 */
public record ResponseTensor(String name, long[] shape, String datatype, Object data) {

    public ResponseTensor {
        if (!(data instanceof int[]) && !(data instanceof float[])) {
            throw new IllegalArgumentException("output '" + name + "' needs int[] or float[] data");
        }
    }

    /** INT64 labels, shape {@code [n]}. */
    public static ResponseTensor labels(String name, int[] labels) {
        return labels(name, labels, Datatypes.INT64);
    }

    /** Labels of {@code datatype} (INT64 or INT32), shape {@code [n]}. */
    public static ResponseTensor labels(String name, int[] labels, String datatype) {
        return new ResponseTensor(name, new long[] {labels.length}, datatype, labels);
    }

    /** FP32 scores, shape {@code [n, k]}. */
    public static ResponseTensor scores(String name, float[] scores, int k) {
        return scores(name, scores, k, Datatypes.FP32);
    }

    /** Scores of {@code datatype} (FP32 or FP16), shape {@code [n, k]}. */
    public static ResponseTensor scores(String name, float[] scores, int k, String datatype) {
        return new ResponseTensor(name, new long[] {scores.length / k, k}, datatype, scores);
    }

    /** The raw little-endian contents (the binary extension, gRPC's raw_output_contents). */
    public byte[] bytes() {
        return data instanceof int[] ints ? TensorBytes.encode(datatype, ints) : TensorBytes.encode(datatype, (float[]) data);
    }
}
