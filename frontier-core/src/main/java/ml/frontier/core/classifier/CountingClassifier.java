package ml.frontier.core.classifier;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;

import java.util.concurrent.atomic.AtomicLong;

/** Counts every image sent to a classifier, so each verdict can say how many queries it cost. */
public final class CountingClassifier implements Classifier {

    private final Classifier inner;
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();

    public CountingClassifier(Classifier inner) {
        this.inner = inner;
    }

    @Override
    public int[] predict(ImageBatch images) throws FrontierException {
        calls.incrementAndGet();
        queries.addAndGet(images.n());
        return inner.predict(images);
    }

    /** Images queried so far (one query = one image). */
    public long queries() {
        return queries.get();
    }

    /** Calls to {@link #predict} so far (a call may carry a batch). */
    public long calls() {
        return calls.get();
    }

    public Classifier inner() {
        return inner;
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
