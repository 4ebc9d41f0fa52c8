package ml.frontier.cli.common;

import ml.frontier.core.image.ImageShape;
import ml.frontier.core.image.Preprocessing;
import ml.frontier.core.model.ModelOptions;
import picocli.CommandLine.Option;

/**
 * What a model's file may not say: its image shape and number of classes, and the input it
 * expects (per-channel normalisation, NHWC layout). Images, keys and markers stay {@code [0,1]}
 * NCHW; the transform is applied on the way into the model.
 */
public final class ModelInputOptions {

    @Option(names = "--input-shape", paramLabel = "CxHxW",
            description = "Image shape, only for a model whose file does not say it (a TorchScript or flattened ONNX input).")
    public String inputShape;

    @Option(names = "--classes", paramLabel = "K", description = "Number of classes, only where the model cannot say.")
    public Integer classes;

    @Option(names = "--mean", paramLabel = "M[,M…]", description = "The model expects (x - mean) / std: one value or one per channel.")
    public String mean;

    @Option(names = "--std", paramLabel = "S[,S…]", description = "See --mean: one value or one per channel.")
    public String std;

    @Option(names = "--layout", paramLabel = "NCHW|NHWC", description = "The model's input layout (default NCHW).")
    public String layout;

    /** Everything said, for the model loaders. */
    public ModelOptions options() {
        return new ModelOptions(inputShape == null ? null : ImageShape.parse(inputShape), classes, preprocessing());
    }

    /** The input transform (the identity unless --mean, --std or --layout say otherwise). */
    public Preprocessing preprocessing() {
        return Preprocessing.parse(mean, std, layout);
    }
}
