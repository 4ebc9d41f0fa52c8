package ml.frontier.serve.protocol;

/**
 * One output tensor of a response. {@code data} is a flat primitive array ({@code int[]} for
 * INT64 labels, {@code float[]} for FP32 probabilities), written as a JSON array of numbers.
 */
public record ResponseTensor(String name, long[] shape, String datatype, Object data) {

    /** INT64 labels, shape {@code [n]}. */
    public static ResponseTensor labels(String name, int[] labels) {
        return new ResponseTensor(name, new long[] {labels.length}, Datatypes.INT64, labels);
    }

    /** FP32 scores, shape {@code [n, k]}. */
    public static ResponseTensor scores(String name, float[] scores, int k) {
        return new ResponseTensor(name, new long[] {scores.length / k, k}, Datatypes.FP32, scores);
    }
}
