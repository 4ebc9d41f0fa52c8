package ml.frontier.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.RNN;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.Map;
import java.util.Random;

/**
 * IRNN (Le, Jaitly, Hinton 2015): a ReLU recurrent layer read over the image as a sequence of
 * {@code steps} vectors (28 rows of 28 pixels by default; {@code steps=784} reads single pixels
 * as the paper's Keras example does, which learns far more slowly), its
 * recurrent matrix initialised to the identity and its input weights to N(0, 0.001²), then a
 * dense layer on the last hidden state.
 */
final class IrnnArchitecture implements Architecture {

    @Override
    public String name() {
        return "irnn";
    }

    @Override
    public String description() {
        return "IRNN: ReLU RNN(hidden) over the image as `steps` vectors, identity recurrent init, Dense(classes)";
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("hidden", "100", "steps", "28");
    }

    @Override
    public Block build(ModelSpec s) {
        int size = s.input().size();
        int steps = s.getInt("steps", 28);
        if (steps <= 0 || size % steps != 0) {
            throw new IllegalArgumentException("irnn: steps=" + steps + " must divide the " + size + " input values");
        }
        return new IrnnBlock(steps, size / steps, s.getInt("hidden", 100), s.numClasses());
    }

    @Override
    public void initialize(Block block, ModelSpec spec, long seed) {
        Random rng = new Random(seed);
        for (var p : block.getParameters()) {
            String name = p.getKey().toLowerCase(java.util.Locale.ROOT);
            NDArray a = p.getValue().getArray();
            if (!name.contains("rnn")) {
                continue;
            }
            long rows = a.getShape().get(0);
            float[] v = new float[(int) a.size()];
            if (name.contains("h2h") && name.contains("weight")) {
                for (int i = 0; i < rows; i++) {
                    v[(int) (i * rows + i)] = 1f;
                }
            } else if (name.contains("i2h") && name.contains("weight")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (rng.nextGaussian() * 0.001);
                }
            }
            a.set(v);
        }
    }

    /** Reshape to a sequence, ReLU RNN, last hidden state, dense layer. */
    static final class IrnnBlock extends AbstractBlock implements Forward.FeatureBlock {
        private final int steps;
        private final int features;
        private final int hidden;
        private final int classes;
        private final Block rnn;
        private final Block fc;

        IrnnBlock(int steps, int features, int hidden, int classes) {
            this.steps = steps;
            this.features = features;
            this.hidden = hidden;
            this.classes = classes;
            rnn = addChildBlock("rnn", RNN.builder().setStateSize(hidden).setNumLayers(1)
                    .setActivation(RNN.Activation.RELU).optBatchFirst(true).optReturnState(false).build());
            fc = addChildBlock("fc", Linear.builder().setUnits(classes).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            return new NDList(forwardWithFeatures(ps, inputs.singletonOrThrow(), training).logits());
        }

        @Override
        public Forward.WithFeatures forwardWithFeatures(ParameterStore ps, NDArray x, boolean training) {
            NDArray seq = x.reshape(x.getShape().get(0), steps, features);
            NDArray out = rnn.forward(ps, new NDList(seq), training).head();
            NDArray last = out.get(":, -1, :");
            return new Forward.WithFeatures(last, fc.forward(ps, new NDList(last), training).singletonOrThrow());
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            long n = inputShapes[0].get(0);
            rnn.initialize(manager, dataType, new Shape(new long[] {n, steps, features}, "NTC"));
            fc.initialize(manager, dataType, new Shape(n, hidden));
        }
    }
}
