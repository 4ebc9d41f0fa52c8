package ml.frontier.gan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * An exact 2-D transposed convolution ("deconvolution"), which DJL's PyTorch engine lacks:
 * the input is spread out with {@code stride − 1} zeros between pixels, padded by
 * {@code K − 1 − P} (plus the output padding at the bottom and right), and convolved with the
 * kernel flipped in both spatial axes and with input and output channels exchanged. This is
 * the same function as PyTorch's {@code ConvTranspose2d(in, out, K, stride, P, outputPadding)},
 * with the weight stored in the same {@code in × out × K × K} layout, so its output size is
 * {@code (H − 1)·stride − 2P + K + outputPadding}.
 *
 * <p>See Dumoulin and Visin, "A guide to convolution arithmetic for deep learning"
 * (arXiv 1603.07285), section 4.
 */
public final class TransposedConv2d extends AbstractBlock {

    private final int filters;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int outputPadding;
    private final Parameter weight;
    private final Parameter bias;

    /** {@code filters} output channels, a {@code kernel × kernel} window. */
    public TransposedConv2d(int filters, int kernel, int stride, int padding, int outputPadding) {
        if (filters < 1 || kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("filters, kernel and stride must be positive");
        }
        if (padding < 0 || padding > kernel - 1) {
            throw new IllegalArgumentException("padding must be in [0, kernel-1=" + (kernel - 1) + "], got " + padding);
        }
        if (outputPadding < 0 || outputPadding >= stride) {
            throw new IllegalArgumentException("output padding must be in [0, stride), got " + outputPadding);
        }
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(filters)).build());
    }

    /** The generator's upsampling step: 5×5, stride 2, padding 2, output padding 1 (H → 2H). */
    public static TransposedConv2d doubling(int filters) {
        return new TransposedConv2d(filters, 5, 2, 2, 1);
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(inputShapes[0].get(1), filters, kernel, kernel));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        int lo = kernel - 1 - padding, hi = lo + outputPadding;
        NDArray spread = interleave(x);
        NDArray padded = spread.pad(new Shape(lo, hi, lo, hi), 0);
        NDArray k = w.flip(2, 3).transpose(1, 0, 2, 3);
        return Conv2d.conv2d(padded, k, b);
    }

    /** {@code N×C×H×W} → {@code N×C×((H−1)s+1)×((W−1)s+1)} with the input at multiples of s and zeros between. */
    private NDArray interleave(NDArray x) {
        if (stride == 1) {
            return x;
        }
        Shape s = x.getShape();
        long n = s.get(0), c = s.get(1), h = s.get(2), wd = s.get(3);
        NDArray cols = x.reshape(n, c, h, 1, wd, 1);
        cols = cols.concat(cols.zerosLike().repeat(5, stride - 1), 5);
        NDArray rows = cols.concat(cols.zerosLike().repeat(3, stride - 1), 3);
        NDArray full = rows.reshape(n, c, h * stride, wd * stride);
        return full.get(":, :, :" + ((h - 1) * stride + 1) + ", :" + ((wd - 1) * stride + 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), filters, out(s.get(2)), out(s.get(3)))};
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes, DataType[] dataTypes) {
        return getOutputShapes(inputShapes);
    }

    private long out(long in) {
        return (in - 1) * stride - 2L * padding + kernel + outputPadding;
    }
}
