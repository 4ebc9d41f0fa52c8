package ml.frontier.core.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ml.frontier.core.image.ImageShape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The networks of the watermarking and tampering papers, by name.
 *
 * <ul>
 *   <li>{@code mlp}: Dense 512 ReLU, Dropout 0.2, Dense 512 ReLU, Dropout 0.2, Dense 10 (the stock
 *       Keras MNIST MLP);
 *   <li>{@code cnn}: Conv 32 3×3, Conv 64 3×3, MaxPool 2, Dropout 0.25, Dense 128, Dropout 0.5,
 *       Dense 10 (the stock Keras MNIST CNN);
 *   <li>{@code irnn}: 100 ReLU recurrent units over the pixel sequence, identity recurrent weights
 *       (Le, Jaitly, Hinton 2015), Dense 10;
 *   <li>{@code resnet}: a small residual CNN for 32×32×3 inputs.
 * </ul>
 */
public final class ModelZoo {

    private final Map<String, Architecture> architectures = new LinkedHashMap<>();

    /** The zoo with Frontier's four classifiers. */
    public static ModelZoo standard() {
        ModelZoo zoo = new ModelZoo();
        zoo.register(new Mlp());
        zoo.register(new Cnn());
        zoo.register(new IrnnArchitecture());
        zoo.register(new ResNetArchitecture());
        return zoo;
    }

    public void register(Architecture a) {
        architectures.put(a.name(), a);
    }

    public List<String> names() {
        return List.copyOf(architectures.keySet());
    }

    public Architecture get(String name) {
        Architecture a = architectures.get(name);
        if (a == null) {
            throw new IllegalArgumentException("unknown architecture '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        return a;
    }

    /** A spec with the architecture's defaults overridden by {@code overrides}. */
    public ModelSpec spec(String name, Map<String, String> overrides, ImageShape input, int numClasses) {
        Architecture a = get(name);
        for (String key : overrides.keySet()) {
            if (!a.defaults().containsKey(key)) {
                throw new IllegalArgumentException(name + " has no hyper-parameter '" + key + "' (it has: "
                        + String.join(", ", a.defaults().keySet()) + ")");
            }
        }
        Map<String, String> hp = new TreeMap<>(a.defaults());
        hp.putAll(overrides);
        return new ModelSpec(name, hp, input, numClasses);
    }

    static final class Mlp implements Architecture {
        @Override
        public String name() {
            return "mlp";
        }

        @Override
        public String description() {
            return "MLP: Dense(hidden) ReLU Dropout, Dense(hidden) ReLU Dropout, Dense(classes)";
        }

        @Override
        public Map<String, String> defaults() {
            return Map.of("hidden", "512", "dropout", "0.2");
        }

        @Override
        public Block build(ModelSpec s) {
            int hidden = s.getInt("hidden", 512);
            float drop = s.getFloat("dropout", 0.2f);
            return new SequentialBlock()
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(hidden).build())
                    .add(Activation::relu)
                    .add(Dropout.builder().optRate(drop).build())
                    .add(Linear.builder().setUnits(hidden).build())
                    .add(Activation::relu)
                    .add(Dropout.builder().optRate(drop).build())
                    .add(Linear.builder().setUnits(s.numClasses()).build());
        }

        @Override
        public StepScript stepScript(ModelSpec s) {
            float drop = s.getFloat("dropout", 0.2f);
            return new StepScript("mlp", drop, drop);
        }
    }

    static final class Cnn implements Architecture {
        @Override
        public String name() {
            return "cnn";
        }

        @Override
        public String description() {
            return "CNN: Conv(conv1) 3x3, Conv(conv2) 3x3, MaxPool 2, Dropout, Dense(dense), Dropout, Dense(classes)";
        }

        @Override
        public Map<String, String> defaults() {
            return Map.of("conv1", "32", "conv2", "64", "dense", "128", "dropout1", "0.25", "dropout2", "0.5");
        }

        @Override
        public Block build(ModelSpec s) {
            return new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(s.getInt("conv1", 32)).build())
                    .add(Activation::relu)
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(s.getInt("conv2", 64)).build())
                    .add(Activation::relu)
                    .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                    .add(Dropout.builder().optRate(s.getFloat("dropout1", 0.25f)).build())
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(s.getInt("dense", 128)).build())
                    .add(Activation::relu)
                    .add(Dropout.builder().optRate(s.getFloat("dropout2", 0.5f)).build())
                    .add(Linear.builder().setUnits(s.numClasses()).build());
        }

        @Override
        public StepScript stepScript(ModelSpec s) {
            return new StepScript("cnn", s.getFloat("dropout1", 0.25f), s.getFloat("dropout2", 0.5f));
        }
    }
}
