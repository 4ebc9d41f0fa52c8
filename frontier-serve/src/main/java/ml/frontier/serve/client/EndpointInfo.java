package ml.frontier.serve.client;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageShape;
import ml.frontier.serve.protocol.Datatypes;
import ml.frontier.serve.protocol.ModelMetadata;
import ml.frontier.serve.protocol.TensorMetadata;

import java.util.Arrays;

/**
 * What a {@link RemoteClassifier} learns from a model's metadata: the input tensor's name,
 * datatype, image shape and rank (4 for {@code [N,C,H,W]}, 3 for {@code [N,H,W]}, 2 for
 * flattened), the class count, and the name of a {@code label} output if the endpoint has one.
 *
 * <p>A {@code -1} in an image dimension (a model that takes any size) is filled from
 * {@link ClientOptions#inputShape()}, else from the usual shapes: 1 channel → 28×28, 3 → 32×32.
 */
record EndpointInfo(String modelName, String inputName, String datatype, ImageShape shape, int inputRank, int numClasses,
                    String labelOutput) {

    static EndpointInfo parse(ModelMetadata meta, String url, ClientOptions options) throws FrontierException {
        if (meta.inputs().isEmpty()) {
            throw new FrontierException(url + ": the model metadata declares no inputs");
        }
        TensorMetadata input = meta.inputs().get(0);
        String datatype = input.datatype();
        if (!Datatypes.IMAGE_INPUTS.contains(datatype)) {
            throw new FrontierException(url + ": input '" + input.name() + "' takes " + datatype + "; supported: "
                    + String.join(", ", Datatypes.IMAGE_INPUTS));
        }
        long[] dims = input.shape();
        int rank = dims.length;
        ImageShape shape = switch (rank) {
            case 4 -> image(dims[1], dims[2], dims[3], url, options);
            case 3 -> image(1, dims[1], dims[2], url, options);
            case 2 -> flat(dims[1], url, options);
            default -> throw new FrontierException(url + ": input '" + input.name() + "' has shape " + Arrays.toString(dims)
                    + "; expected [-1,C,H,W], [-1,H,W] or [-1,C*H*W]");
        };
        String label = null;
        int fromMeta = 0;
        for (TensorMetadata out : meta.outputs()) {
            long[] s = out.shape();
            if (out.name().equals("label") && label == null) {
                label = out.name();
            }
            boolean scores = Datatypes.FLOATS.contains(out.datatype()) && s.length == 2 && s[1] > 1;
            if (scores && (fromMeta == 0 || out.name().equals("probabilities"))) {
                fromMeta = (int) s[1];
            }
        }
        int k = options.numClasses();
        if (k == 0) {
            k = fromMeta > 0 ? fromMeta : ClientOptions.DEFAULT_CLASSES;
        }
        return new EndpointInfo(meta.name(), input.name(), datatype, shape, rank, k, label);
    }

    /** The shape sent for {@code n} images. */
    long[] wireShape(int n) {
        return switch (inputRank) {
            case 4 -> new long[] {n, shape.channels(), shape.height(), shape.width()};
            case 3 -> new long[] {n, shape.height(), shape.width()};
            default -> new long[] {n, shape.size()};
        };
    }

    /** Pixels in [0,1] as the input datatype carries them (0–255 for UINT8 and INT64). */
    float[] wireValues(float[] pixels) {
        if (!Datatypes.pixelsAsBytes(datatype)) {
            return pixels;
        }
        float[] out = new float[pixels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(Math.min(1f, Math.max(0f, pixels[i])) * 255f);
        }
        return out;
    }

    private static ImageShape image(long c, long h, long w, String url, ClientOptions options) throws FrontierException {
        if (c > 0 && h > 0 && w > 0) {
            return new ImageShape(positive(c, url), positive(h, url), positive(w, url));
        }
        ImageShape given = options.inputShape();
        if (given == null) {
            given = c == 1 || (c < 0 && h == 28) ? ImageShape.MNIST : c == 3 ? ImageShape.CIFAR : null;
        }
        if (given == null || (c > 0 && given.channels() != c) || (h > 0 && given.height() != h) || (w > 0 && given.width() != w)) {
            throw new FrontierException(url + ": the input has variable image dimensions [" + c + ", " + h + ", " + w
                    + "]; give the image shape (CxHxW) explicitly");
        }
        return given;
    }

    private static ImageShape flat(long size, String url, ClientOptions options) throws FrontierException {
        if (size <= 0) {
            if (options.inputShape() != null) {
                return options.inputShape();
            }
            throw new FrontierException(url + ": the input is flattened to a variable size; give the image shape (CxHxW) explicitly");
        }
        ImageShape shape = options.inputShape() != null ? options.inputShape() : guess(positive(size, url), url);
        if (shape.size() != size) {
            throw new FrontierException(url + ": input holds " + size + " values per image, the shape " + shape + " holds "
                    + shape.size());
        }
        return shape;
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
            throw new FrontierException(url + ": the input shape has a bad image dimension (" + d + ")");
        }
        return (int) d;
    }
}
