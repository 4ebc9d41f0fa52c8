package ml.frontier.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.Map;

/**
 * A small residual CNN for 32×32×3 inputs (CIFAR-10): a 3×3 stem of {@code width} channels, then
 * {@code stages} stages of two residual blocks each, doubling the width and halving the
 * resolution from the second stage on, global average pooling and a dense layer.
 */
final class ResNetArchitecture implements Architecture {

    @Override
    public String name() {
        return "resnet";
    }

    @Override
    public String description() {
        return "small ResNet: stem Conv(width), `stages` stages of 2 residual blocks, global avg pool, Dense(classes)";
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("width", "16", "stages", "3");
    }

    @Override
    public Block build(ModelSpec s) {
        int width = s.getInt("width", 16);
        SequentialBlock net = new SequentialBlock()
                .add(conv(width, 1))
                .add(BatchNorm.builder().build())
                .add(Activation::relu);
        for (int stage = 0; stage < s.getInt("stages", 3); stage++) {
            int w = width << stage;
            net.add(new Residual(w, stage == 0 ? 1 : 2));
            net.add(new Residual(w, 1));
        }
        return net.add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(s.numClasses()).build());
    }

    private static Block conv(int filters, int stride) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(1, 1)).setFilters(filters).optBias(false).build();
    }

    /** conv-bn-relu-conv-bn plus a shortcut (1×1 conv when the shape changes), then ReLU. */
    static final class Residual extends AbstractBlock {
        private final Block body;
        private final Block shortcut;
        private final int filters;
        private final int stride;

        Residual(int filters, int stride) {
            this.filters = filters;
            this.stride = stride;
            body = addChildBlock("body", new SequentialBlock()
                    .add(conv(filters, stride)).add(BatchNorm.builder().build()).add(Activation::relu)
                    .add(conv(filters, 1)).add(BatchNorm.builder().build()));
            shortcut = addChildBlock("shortcut", new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).optStride(new Shape(stride, stride))
                            .setFilters(filters).optBias(false).build())
                    .add(BatchNorm.builder().build()));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray y = body.forward(ps, inputs, training).head();
            NDArray s = shortcut.forward(ps, new NDList(x), training).head();
            return new NDList(Activation.relu(y.add(s)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] in) {
            Shape s = in[0];
            return new Shape[] {new Shape(s.get(0), filters, (s.get(2) + stride - 1) / stride, (s.get(3) + stride - 1) / stride)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            body.initialize(manager, dataType, inputShapes);
            shortcut.initialize(manager, dataType, inputShapes);
        }
    }
}
