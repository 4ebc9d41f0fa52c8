package ml.frontier.serve.client;

import com.fasterxml.jackson.databind.JsonNode;
import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageShape;
import ml.frontier.serve.protocol.Datatypes;

/**
 * What a {@link RemoteClassifier} learns from a model's OIP metadata: the input tensor's name,
 * image shape and rank (4 for {@code [N,C,H,W]}, 3 for {@code [N,H,W]}, 2 for flattened), the
 * class count, and the name of a {@code label} output if the endpoint has one.
 */
record EndpointInfo(String modelName, String inputName, ImageShape shape, int inputRank, int numClasses,
                    String labelOutput) {

    /** Reads the metadata of {@code url}; {@code options} fill in what it does not say. */
    static EndpointInfo parse(JsonNode meta, String url, ClientOptions options) throws FrontierException {
        JsonNode inputs = meta.path("inputs");
        if (!inputs.isArray() || inputs.isEmpty()) {
            throw new FrontierException(url + ": the model metadata declares no inputs");
        }
        JsonNode input = inputs.get(0);
        String inputName = input.path("name").asText("input");
        String datatype = input.path("datatype").asText(Datatypes.FP32);
        if (!datatype.equals(Datatypes.FP32)) {
            throw new FrontierException(url + ": input '" + inputName + "' takes " + datatype + "; only FP32 is supported");
        }
        long[] dims = longs(input.path("shape"));
        ImageShape shape;
        int rank = dims.length;
        if (rank == 4) {
            shape = new ImageShape(positive(dims[1], url), positive(dims[2], url), positive(dims[3], url));
        } else if (rank == 3) {
            shape = new ImageShape(1, positive(dims[1], url), positive(dims[2], url));
        } else if (rank == 2) {
            shape = options.inputShape() != null ? options.inputShape() : guess(positive(dims[1], url), url);
            if (shape.size() != dims[1]) {
                throw new FrontierException(url + ": input holds " + dims[1] + " values per image, the shape "
                        + shape + " holds " + shape.size());
            }
        } else {
            throw new FrontierException(url + ": input '" + inputName + "' has shape " + java.util.Arrays.toString(dims)
                    + "; expected [-1,C,H,W], [-1,H,W] or [-1,C*H*W]");
        }
        String label = null;
        int k = options.numClasses();
        int fromMeta = 0;
        for (JsonNode out : meta.path("outputs")) {
            String name = out.path("name").asText("");
            long[] s = longs(out.path("shape"));
            if (name.equals("label") && label == null) {
                label = name;
            }
            boolean scores = Datatypes.FLOATS.contains(out.path("datatype").asText("")) && s.length == 2 && s[1] > 1;
            if (scores && (fromMeta == 0 || name.equals("probabilities"))) {
                fromMeta = (int) s[1];
            }
        }
        if (k == 0) {
            k = fromMeta > 0 ? fromMeta : ClientOptions.DEFAULT_CLASSES;
        }
        return new EndpointInfo(meta.path("name").asText(""), inputName, shape, rank, k, label);
    }

    /** The shape sent for {@code n} images. */
    long[] wireShape(int n) {
        return switch (inputRank) {
            case 4 -> new long[] {n, shape.channels(), shape.height(), shape.width()};
            case 3 -> new long[] {n, shape.height(), shape.width()};
            default -> new long[] {n, shape.size()};
        };
    }

    private static ImageShape guess(int size, String url) throws FrontierException {
        if (size == 784) {
            return ImageShape.MNIST;
        }
        if (size == 3072) {
            return ImageShape.CIFAR;
        }
        int side = (int) Math.round(Math.sqrt(size));
        if (side * side == size) {
            return new ImageShape(1, side, side);
        }
        throw new FrontierException(url + ": the input is flattened to " + size
                + " values per image; give the image shape (CxHxW) explicitly");
    }

    private static int positive(long d, String url) throws FrontierException {
        if (d <= 0 || d > 1 << 16) {
            throw new FrontierException(url + ": the input shape has a variable or bad image dimension (" + d + ")");
        }
        return (int) d;
    }

    private static long[] longs(JsonNode array) {
        if (!array.isArray()) {
            return new long[0];
        }
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
