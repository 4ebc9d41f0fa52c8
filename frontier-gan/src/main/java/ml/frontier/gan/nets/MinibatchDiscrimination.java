package ml.frontier.gan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Minibatch discrimination (Salimans et al. 2016, "Improved Techniques for Training GANs"):
 * features {@code f} ({@code N × in}) are projected by a tensor T to {@code N × kernels × dims};
 * each sample gets, per kernel, the sum over the batch of {@code exp(-L1 distance)} to the
 * others, appended to its features. Output: {@code N × (in + kernels)}.
 */
public final class MinibatchDiscrimination extends AbstractBlock {

    private final int in;
    private final int kernels;
    private final int dims;
    private final Parameter t;

    public MinibatchDiscrimination(int in, int kernels, int dims) {
        if (in <= 0 || kernels <= 0 || dims <= 0) {
            throw new IllegalArgumentException("minibatch discrimination sizes must be positive");
        }
        this.in = in;
        this.kernels = kernels;
        this.dims = dims;
        this.t = addParameter(Parameter.builder().setName("T").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(in, (long) kernels * dims)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray f = inputs.singletonOrThrow();
        NDArray w = ps.getValue(t, f.getDevice(), training);
        long n = f.getShape().get(0);
        NDArray m = f.matMul(w).reshape(n, 1, kernels, dims);
        NDArray mt = m.reshape(1, n, kernels, dims);
        NDArray dist = m.sub(mt).abs().sum(new int[] {3});          // n × n × kernels
        NDArray o = dist.neg().exp().sum(new int[] {1}).sub(1f);    // minus the sample itself
        return new NDList(f.concat(o, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), in + kernels)};
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes, DataType[] dataTypes) {
        return getOutputShapes(inputShapes);
    }
}
