package ml.frontier.core.classifier;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.image.Preprocessing;

/**
 * A black box that expects normalised or NHWC input, seen as a classifier of {@code [0,1]}
 * {@code N×C×H×W} images: each batch goes through {@link Preprocessing#apply(ImageBatch)} before
 * it reaches the inner classifier (an ONNX runtime, a remote endpoint), whose "input shape" is
 * the tensor shape.
 */
public final class TransformedClassifier extends ForwardingClassifier {

    private final Preprocessing preprocessing;
    private final ImageShape imageShape;

    /** {@code inner} takes the transformed tensors of images of {@code imageShape}. */
    public TransformedClassifier(Classifier inner, Preprocessing preprocessing, ImageShape imageShape) {
        super(inner);
        preprocessing.check(imageShape);
        this.preprocessing = preprocessing;
        this.imageShape = imageShape;
    }

    /** Wraps {@code inner} unless the transform is the identity. */
    public static Classifier of(Classifier inner, Preprocessing preprocessing, ImageShape imageShape) {
        return preprocessing.isIdentity() ? inner : new TransformedClassifier(inner, preprocessing, imageShape);
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    @Override
    public int[] predict(ImageBatch images) throws FrontierException {
        checkShape(images, "the input");
        return inner().predict(preprocessing.apply(images));
    }

    @Override
    public ImageShape inputShape() {
        return imageShape;
    }

    @Override
    public String describe() {
        return inner().describe() + " (input " + preprocessing + ")";
    }
}
