package ml.frontier.gan.nets;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ml.frontier.core.image.ImageShape;

import java.util.List;

/**
 * The three ACGAN architectures of the MD-GAN paper, by name: {@code mnist-mlp},
 * {@code mnist-cnn} and {@code cifar-cnn}.
 *
 * <p>Class conditioning of G uses no parameters (see {@link ClassCode}), so that MNIST-MLP's
 * generator has exactly the paper's 716,560 parameters: 100·512+512 + 512·512+512 + 512·784+784.
 * The discriminator has exactly 670,219: 784·512+512 + 512·512+512 + 512·11+11.
 *
 * <p>The CNN generators: the paper's transposed 5×5 convolutions of stride 2 are exact ones
 * ({@link TransposedConv2d}: zero interleaving and a flipped-kernel convolution, equal to
 * PyTorch's {@code ConvTranspose2d(k=5, s=2, p=2, output_padding=1)}), since DJL 0.36's PyTorch
 * engine does not implement deconvolution ({@code Conv2dTranspose} fails with "Not implemented").
 *
 * <p>The CNN discriminators: six 3×3 convolutions with 16, 32, 64, 128, 256, 512 kernels
 * (strides 2,1,2,1,2,1, padding 1, LeakyReLU 0.2), global average pooling, minibatch
 * discrimination (16 kernels of 4 dimensions), dense 1 + classes. The paper does not give
 * strides, pooling or the minibatch-discrimination sizes; its counts (628,058 / 286,048 for
 * MNIST, 628,110 / 100,203 for CIFAR10) are not reproduced — ours are reported beside them.
 */
public final class GanArchitectures {

    public static final String MNIST_MLP = "mnist-mlp";
    public static final String MNIST_CNN = "mnist-cnn";
    public static final String CIFAR_CNN = "cifar-cnn";

    private GanArchitectures() {}

    public static List<String> names() {
        return List.of(MNIST_MLP, MNIST_CNN, CIFAR_CNN);
    }

    public static GanArchitecture byName(String name) {
        return switch (name) {
            case MNIST_MLP -> new Mlp();
            case MNIST_CNN -> new Cnn(MNIST_CNN, ImageShape.MNIST, 128, 7, new int[] {32, 1}, 628_058, 286_048);
            case CIFAR_CNN -> new Cnn(CIFAR_CNN, ImageShape.CIFAR, 384, 4, new int[] {192, 96, 3}, 628_110, 100_203);
            default -> throw new IllegalArgumentException("unknown GAN network '" + name + "' (known: "
                    + String.join(", ", names()) + ")");
        };
    }

    private static SequentialBlock reshape(long... shape) {
        return new SequentialBlock().add(list -> new NDList(list.singletonOrThrow().reshape(shape)));
    }

    /** MNIST-MLP: G = FC 512, 512, 784 (LeakyReLU 0.2, sigmoid out); D = FC 512, 512, 11 (LeakyReLU 0.2). */
    static final class Mlp implements GanArchitecture {
        @Override
        public String name() {
            return MNIST_MLP;
        }

        @Override
        public String description() {
            return "MNIST-MLP: G FC 512-512-784 from 100-d noise; D FC 512-512-11";
        }

        @Override
        public int latentSize() {
            return 100;
        }

        @Override
        public ImageShape imageShape() {
            return ImageShape.MNIST;
        }

        @Override
        public int numClasses() {
            return 10;
        }

        @Override
        public Block generator() {
            if (Boolean.getBoolean("gan.gbn")) return new SequentialBlock()
                    .add(Linear.builder().setUnits(512).build())
                    .add(BatchNorm.builder().build())
                    .add(x -> Activation.leakyRelu(x, 0.2f))
                    .add(Linear.builder().setUnits(512).build())
                    .add(BatchNorm.builder().build())
                    .add(x -> Activation.leakyRelu(x, 0.2f))
                    .add(Linear.builder().setUnits(784).build())
                    .add(Activation::sigmoid)
                    .add(reshape(-1, 1, 28, 28));
            return new SequentialBlock()
                    .add(Linear.builder().setUnits(512).build())
                    .add(x -> Activation.leakyRelu(x, 0.2f))
                    .add(Linear.builder().setUnits(512).build())
                    .add(x -> Activation.leakyRelu(x, 0.2f))
                    .add(Linear.builder().setUnits(784).build())
                    .add(Activation::sigmoid)
                    .add(reshape(-1, 1, 28, 28));
        }

        @Override
        public Block discriminator() {
            float drop = Float.parseFloat(System.getProperty("gan.ddrop", "0"));
            if (drop > 0) return new SequentialBlock()
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(512).build())
                    .add(x -> Activation.leakyRelu(x, 0.2f))
                    .add(ai.djl.nn.norm.Dropout.builder().optRate(drop).build())
                    .add(Linear.builder().setUnits(512).build())
                    .add(x -> Activation.leakyRelu(x, 0.2f))
                    .add(ai.djl.nn.norm.Dropout.builder().optRate(drop).build())
                    .add(Linear.builder().setUnits(1 + numClasses()).build());
            int mbk = Integer.getInteger("gan.mbd", 0);
            if (mbk > 0) return new SequentialBlock()
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(512).build())
                    .add(x -> Activation.leakyRelu(x, 0.2f))
                    .add(Linear.builder().setUnits(512).build())
                    .add(x -> Activation.leakyRelu(x, 0.2f))
                    .add(new MinibatchDiscrimination(512, mbk, Integer.getInteger("gan.mbdd", 4)))
                    .add(Linear.builder().setUnits(1 + numClasses()).build());
            return new SequentialBlock()
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(512).build())
                    .add(x -> Activation.leakyRelu(x, 0.2f))
                    .add(Linear.builder().setUnits(512).build())
                    .add(x -> Activation.leakyRelu(x, 0.2f))
                    .add(Linear.builder().setUnits(1 + numClasses()).build());
        }

        @Override
        public long paperGeneratorCount() {
            return 716_560;
        }

        @Override
        public long paperDiscriminatorCount() {
            return 670_219;
        }
    }

    /** The CNN pair: FC to {@code channels × side × side}, transposed 5×5 convolutions of stride 2. */
    static final class Cnn implements GanArchitecture {
        private final String name;
        private final ImageShape shape;
        private final int channels;
        private final int side;
        private final int[] deconv;
        private final long paperG;
        private final long paperD;

        Cnn(String name, ImageShape shape, int channels, int side, int[] deconv, long paperG, long paperD) {
            this.name = name;
            this.shape = shape;
            this.channels = channels;
            this.side = side;
            this.deconv = deconv;
            this.paperG = paperG;
            this.paperD = paperD;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return name + ": G FC " + channels * side * side + " then transposed 5x5 convolutions; D six 3x3 convolutions 16..512,"
                    + " minibatch discrimination, FC 11";
        }

        @Override
        public int latentSize() {
            return 100;
        }

        @Override
        public ImageShape imageShape() {
            return shape;
        }

        @Override
        public int numClasses() {
            return 10;
        }

        @Override
        public Block generator() {
            SequentialBlock g = new SequentialBlock()
                    .add(Linear.builder().setUnits((long) channels * side * side).build())
                    .add(reshape(-1, channels, side, side))
                    .add(BatchNorm.builder().build())
                    .add(Activation::relu);
            for (int i = 0; i < deconv.length; i++) {
                g.add(TransposedConv2d.doubling(deconv[i]));
                if (i < deconv.length - 1) {
                    g.add(BatchNorm.builder().build());
                }
                g.add(i == deconv.length - 1 ? Activation.sigmoidBlock() : Activation.reluBlock());
            }
            return g;
        }

        @Override
        public Block discriminator() {
            SequentialBlock d = new SequentialBlock();
            int[] filters = {16, 32, 64, 128, 256, 512};
            for (int i = 0; i < filters.length; i++) {
                int s = i % 2 == 0 ? 2 : 1;
                d.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(filters[i])
                        .optStride(new Shape(s, s)).optPadding(new Shape(1, 1)).build());
                d.add(x -> Activation.leakyRelu(x, 0.2f));
            }
            d.add(Pool.globalAvgPool2dBlock());
            d.add(new MinibatchDiscrimination(512, 16, 4));
            d.add(Linear.builder().setUnits(1 + numClasses()).build());
            return d;
        }

        @Override
        public long paperGeneratorCount() {
            return paperG;
        }

        @Override
        public long paperDiscriminatorCount() {
            return paperD;
        }
    }
}
