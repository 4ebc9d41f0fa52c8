package ml.frontier.core.classifier;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;

/** A classifier that passes every call to another; subclasses override what they add. */
public abstract class ForwardingClassifier implements Classifier {

    private final Classifier inner;

    protected ForwardingClassifier(Classifier inner) {
        this.inner = inner;
    }

    public Classifier inner() {
        return inner;
    }

    @Override
    public int[] predict(ImageBatch images) throws FrontierException {
        return inner.predict(images);
    }

    @Override
    public ImageShape inputShape() {
        return inner.inputShape();
    }

    @Override
    public int numClasses() {
        return inner.numClasses();
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public void close() {
        inner.close();
    }
}
