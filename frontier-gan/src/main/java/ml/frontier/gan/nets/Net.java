package ml.frontier.gan.nets;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ml.frontier.core.engine.Engines;

import java.util.ArrayList;
import java.util.List;

/**
 * One network of a GAN (a generator or a discriminator) held by DJL's PyTorch engine, with its
 * parameters readable and writable as plain {@code float[][]} (one array per parameter, in
 * block order) so that they can be averaged, swapped and sent over a wire.
 */
public final class Net implements AutoCloseable {

    private final Model model;
    private final List<Parameter> parameters;
    private boolean closed;

    private Net(Model model) {
        this.model = model;
        List<Parameter> ps = new ArrayList<>();
        for (var p : model.getBlock().getParameters()) {
            ps.add(p.getValue());
        }
        this.parameters = List.copyOf(ps);
    }

    /** Builds and initialises {@code block} for inputs of {@code inputShape} (batch dimension 1); the seed fixes the values. */
    public static Net create(String name, Block block, Shape inputShape, long seed) {
        Engines.pytorch();
        Engines.seed(seed);
        Model model = Model.newInstance(name, Device.cpu(), Engines.PYTORCH);
        try {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, inputShape);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return new Net(model);
    }

    public Block block() {
        return model.getBlock();
    }

    public NDManager manager() {
        return model.getNDManager();
    }

    /** The forward pass of a single-input, single-output block. */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        return block().forward(ps, new NDList(x), training).singletonOrThrow();
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /** The number of scalar parameters, |w| or |θ|. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters) {
            n += p.getArray().size();
        }
        return n;
    }

    /** A copy of every parameter's values. */
    public float[][] values() {
        float[][] out = new float[parameters.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = parameters.get(i).getArray().toFloatArray();
        }
        return out;
    }

    /** Overwrites every parameter with {@code values} (as returned by {@link #values()} of a net of the same architecture). */
    public void setValues(float[][] values) {
        if (values.length != parameters.size()) {
            throw new IllegalArgumentException("got values for " + values.length + " parameters, the network has " + parameters.size());
        }
        for (int i = 0; i < values.length; i++) {
            NDArray a = parameters.get(i).getArray();
            if (values[i].length != a.size()) {
                throw new IllegalArgumentException("parameter " + parameters.get(i).getName() + " has " + a.size()
                        + " values, got " + values[i].length);
            }
            a.set(values[i]);
        }
    }

    /** Stops (true) or restarts (false) gradient recording on every parameter. */
    public void freeze(boolean frozen) {
        for (Parameter p : parameters) {
            p.freeze(frozen);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            model.close();
        }
    }
}
