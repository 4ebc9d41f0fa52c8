package ml.frontier.core.model;

import ml.frontier.core.image.ImageShape;
import ml.frontier.core.image.Preprocessing;

import java.util.Objects;

/**
 * What the user says about a model that its file may not: the input shape and number of classes
 * (null: take them from the file, or find them out), and the input transform it expects.
 *
 * @param inputShape the image shape, null when the file says (ONNX) or it is to be probed
 * @param numClasses the number of classes, null when the file or a probe says
 * @param preprocessing the normalisation and layout the model expects
 */
public record ModelOptions(ImageShape inputShape, Integer numClasses, Preprocessing preprocessing) {

    public ModelOptions {
        Objects.requireNonNull(preprocessing, "preprocessing");
        if (numClasses != null && numClasses < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + numClasses);
        }
    }

    /** Nothing said: everything from the file, no transform. */
    public static ModelOptions none() {
        return new ModelOptions(null, null, Preprocessing.none());
    }
}
