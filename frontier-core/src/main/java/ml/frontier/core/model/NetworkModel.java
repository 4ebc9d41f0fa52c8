package ml.frontier.core.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ml.frontier.core.engine.Engines;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.io.Hashing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A network of the zoo with its parameters, held in native memory by a DJL {@link Model}, plus
 * the metadata its model file carries.
 *
 * <p>Close it (try-with-resources) to free the native memory. Parameters are read and written
 * as Java arrays by name, which is what attacks and watermark embedding need. Saved as a
 * {@link ModelFile}.
 */
public final class NetworkModel implements TrainableModel {

    private final Model model;
    private final ModelZoo zoo;
    private final Architecture architecture;
    private ModelMetadata metadata;
    private boolean closed;

    private NetworkModel(Model model, ModelZoo zoo, Architecture architecture, ModelMetadata metadata) {
        this.model = model;
        this.zoo = zoo;
        this.architecture = architecture;
        this.metadata = metadata;
    }

    /** A new network with freshly initialised parameters; the seed fixes them. */
    public static NetworkModel create(ModelZoo zoo, ModelSpec spec, long seed) {
        Architecture a = zoo.get(spec.architecture());
        Engines.seed(seed);
        NetworkModel m = build(zoo, a, spec, ModelMetadata.fresh(spec, seed));
        a.initialize(m.block(), spec, seed);
        return m.rehash();
    }

    /** A network whose parameters come from {@code parameters} (as written by {@link #parameterBytes}). */
    static NetworkModel load(ModelZoo zoo, ModelMetadata metadata, byte[] parameters)
            throws IOException, MalformedModelException {
        Architecture a = zoo.get(metadata.spec().architecture());
        NetworkModel m = build(zoo, a, metadata.spec(), metadata);
        try {
            Map<String, Shape> expected = new java.util.LinkedHashMap<>();
            for (var p : m.block().getParameters()) {
                expected.put(p.getKey(), p.getValue().getArray().getShape());
            }
            m.block().loadParameters(m.model.getNDManager(), new DataInputStream(new ByteArrayInputStream(parameters)));
            // DJL does not check that loaded arrays have the shapes the architecture needs
            for (var p : m.block().getParameters()) {
                Shape got = p.getValue().getArray().getShape();
                if (!got.equals(expected.get(p.getKey()))) {
                    throw new MalformedModelException("parameter " + p.getKey() + " has shape " + got + ", the architecture needs "
                            + expected.get(p.getKey()));
                }
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    private static NetworkModel build(ModelZoo zoo, Architecture a, ModelSpec spec, ModelMetadata metadata) {
        Engines.pytorch();
        Model model = Model.newInstance(spec.architecture(), Device.cpu(), Engines.PYTORCH);
        try {
            Block block = a.build(spec);
            model.setBlock(block);
            ImageShape in = spec.input();
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, in.channels(), in.height(), in.width()));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return new NetworkModel(model, zoo, a, metadata);
    }

    /** An independent copy: same spec, parameters and metadata. */
    @Override
    public NetworkModel copy() {
        try {
            return load(zoo, metadata, parameterBytes());
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("cannot copy a model", e);
        }
    }

    public Block block() {
        return model.getBlock();
    }

    @Override
    public NDManager manager() {
        return model.getNDManager();
    }

    public ModelZoo zoo() {
        return zoo;
    }

    public Architecture architecture() {
        return architecture;
    }

    public ModelSpec spec() {
        return metadata.spec();
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public void setMetadata(ModelMetadata metadata) {
        this.metadata = metadata;
    }

    @Override
    public ImageShape inputShape() {
        return spec().input();
    }

    @Override
    public int numClasses() {
        return spec().numClasses();
    }

    /** The parameters in DJL's serialised form (what a model file stores). */
    public byte[] parameterBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block().saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Recomputes the parameters' SHA-256 into the metadata; call after changing parameters. */
    @Override
    public NetworkModel rehash() {
        metadata = metadata.withHash(Hashing.sha256Hex(parameterBytes()));
        return this;
    }

    /** SHA-256 of the current parameters. */
    @Override
    public String sha256() {
        return Hashing.sha256Hex(parameterBytes());
    }

    /** Parameter names in a stable order. */
    @Override
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (var p : block().getParameters()) {
            names.add(p.getKey());
        }
        return names;
    }

    @Override
    public Parameter parameter(String name) {
        Parameter p = block().getParameters().get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' in " + spec().architecture()
                    + " (it has " + parameterNames() + ")");
        }
        return p;
    }

    /** Whether the parameter is a trained weight or bias (not e.g. a batch-norm running statistic). */
    @Override
    public boolean isTrainable(String name) {
        Parameter.Type t = parameter(name).getType();
        return t == Parameter.Type.WEIGHT || t == Parameter.Type.BIAS || t == Parameter.Type.GAMMA
                || t == Parameter.Type.BETA || t == Parameter.Type.OTHER;
    }

    @Override
    public boolean isWeight(String name) {
        return parameter(name).getType() == Parameter.Type.WEIGHT;
    }

    /** Whether the parameter belongs to the last (output) layer. */
    @Override
    public boolean isLastLayer(String name) {
        return architecture.isLastLayer(name, block());
    }

    @Override
    public NDArray logits(ParameterStore ps, NDArray images, boolean training) {
        return Forward.logits(block(), ps, images, training);
    }

    @Override
    public Forward.WithFeatures forwardWithFeatures(ParameterStore ps, NDArray images, boolean training) {
        return Forward.withFeatures(block(), ps, images, training);
    }

    /** Writes a {@link ModelFile} (the hash is recomputed first). */
    @Override
    public void save(Path file) throws IOException {
        ModelFile.save(this, file);
    }

    @Override
    public String describe() {
        return spec().toString();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            model.close();
        }
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
