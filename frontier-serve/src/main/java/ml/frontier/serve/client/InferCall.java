package ml.frontier.serve.client;

/**
 * One inference request as the client sends it: the input's name, datatype and shape, its
 * values already on the datatype's scale, and the output asked for (null = all).
 */
record InferCall(String inputName, String datatype, long[] shape, float[] values, String outputOrNull) {}
