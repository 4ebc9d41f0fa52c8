package ml.frontier.serve.client;

/** One output of an answer, whatever its encoding: name, datatype, shape and its values. */
record OutputTensor(String name, String datatype, long[] shape, double[] values) {}
