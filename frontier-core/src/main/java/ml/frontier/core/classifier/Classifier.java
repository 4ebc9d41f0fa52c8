package ml.frontier.core.classifier;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;

/**
 * The black box: a batch of images in, one label per image out.
 *
 * <p>This is all that a remote prediction API gives, and all that watermark verification and
 * tamper checks may use. Implementations: a model trained here ({@link DjlClassifier}), an ONNX
 * file ({@link OnnxClassifier}), and a model behind an Open Inference Protocol endpoint
 * ({@code ml.frontier.serve.client.RemoteClassifier}).
 */
public interface Classifier extends AutoCloseable {

    /** One label in {@code [0, numClasses())} per image. */
    int[] predict(ImageBatch images) throws FrontierException;

    /** The shape of one input image. */
    ImageShape inputShape();

    /** The number of classes. */
    int numClasses();

    /** A short human description ("cnn from cnn.model", "remote http://…"). */
    String describe();

    /** Labels for every image, sent in chunks of at most {@code batchSize}. */
    default int[] predictAll(ImageBatch images, int batchSize) throws FrontierException {
        int[] out = new int[images.n()];
        for (int from = 0; from < images.n(); from += batchSize) {
            int to = Math.min(images.n(), from + batchSize);
            int[] part = predict(images.slice(from, to));
            System.arraycopy(part, 0, out, from, part.length);
        }
        return out;
    }

    /** Fails with a clear message when {@code images} do not fit this classifier. */
    default void checkShape(ImageBatch images, String what) throws FrontierException {
        if (!images.shape().equals(inputShape())) {
            throw new FrontierException(what + " holds images of shape " + images.shape() + " but "
                    + describe() + " takes " + inputShape());
        }
    }

    /** Releases native memory, connections or threads; safe to call more than once. */
    @Override
    default void close() {}
}
