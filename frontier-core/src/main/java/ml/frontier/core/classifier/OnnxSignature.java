package ml.frontier.core.classifier;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.model.ModelOptions;
import ml.frontier.core.onnx.OnnxGraph;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * What an ONNX graph declares about its one input and first output, reconciled with what the user
 * said: the image shape (from an {@code [N,C,H,W]} input, in the layout the options name), whether
 * the input is flattened ({@code [N,D]}), and the number of classes (the width of the first output
 * for a probe batch, as ONNX Runtime does not describe outputs). A graph with more than one input is refused: Frontier feeds images only.
 */
record OnnxSignature(ImageShape image, boolean flattened, int classes) {

    /** Gives the output's dimensions for a batch of two zero images (ONNX Runtime does not describe outputs). */
    @FunctionalInterface
    interface OutputProbe {
        long[] dims(ImageShape image, boolean flattened) throws FrontierException;
    }

    static OnnxSignature of(Path file, OnnxGraph graph, OutputProbe probe, ModelOptions options)
            throws FrontierException {
        OnnxGraph.Value input = graph.singleInput();
        long[] in = input.dims() == null ? new long[0] : input.dims();
        ImageShape image;
        boolean flattened = in.length == 2;
        if (in.length == 4 && known(in, 1)) {
            ImageShape declared = options.preprocessing().imageShape(Arrays.copyOfRange(in, 1, 4));
            if (options.inputShape() != null && !options.inputShape().equals(declared)) {
                throw new FrontierException(file + ": the graph declares input " + Arrays.toString(in) + " (images "
                        + declared + "), not " + options.inputShape());
            }
            image = declared;
        } else if (flattened && options.inputShape() != null) {
            if (in[1] > 0 && in[1] != options.inputShape().size()) {
                throw new FrontierException(file + ": the graph takes " + in[1] + " values per image, "
                        + options.inputShape() + " has " + options.inputShape().size());
            }
            image = options.inputShape();
        } else if (flattened && in[1] == ImageShape.MNIST.size()) {
            image = ImageShape.MNIST;
        } else if (options.inputShape() != null && (in.length == 4 || in.length == 0)) {
            image = options.inputShape();
        } else {
            throw new FrontierException(file + ": the graph's input " + input.name() + " has shape "
                    + Arrays.toString(in) + ", which does not say the image shape: give --input-shape CxHxW");
        }
        long[] out = probe.dims(image, flattened);
        int classes;
        if (out.length == 2 && out[0] == 2 && out[1] > 0) {
            classes = (int) out[1];
            if (options.numClasses() != null && options.numClasses() != classes) {
                throw new FrontierException(file + ": the graph's output " + Arrays.toString(out) + " scores " + classes
                        + " classes, not " + options.numClasses());
            }
        } else {
            throw new FrontierException(file + ": the graph's first output has shape " + Arrays.toString(out)
                    + " for two images, not [2, classes]");
        }
        if (classes < 2) {
            throw new FrontierException(file + ": the graph's output scores " + classes + " class; a classifier needs 2 or more");
        }
        return new OnnxSignature(image, flattened, classes);
    }

    private static boolean known(long[] dims, int from) {
        for (int i = from; i < dims.length; i++) {
            if (dims[i] <= 0) {
                return false;
            }
        }
        return true;
    }

    /** The first line of a runtime's error, shortened. */
    static String reason(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.length() > 240 ? m.substring(0, 240) + "…" : m;
    }
}
