package ml.frontier.core.classifier;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;

import java.util.concurrent.atomic.AtomicLong;

/** Counts every image sent to a classifier, so each verdict can say how many queries it cost. */
public final class CountingClassifier extends ForwardingClassifier {

    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();

    public CountingClassifier(Classifier inner) {
        super(inner);
    }

    @Override
    public int[] predict(ImageBatch images) throws FrontierException {
        calls.incrementAndGet();
        queries.addAndGet(images.n());
        return super.predict(images);
    }

    /** Images queried so far (one query = one image). */
    public long queries() {
        return queries.get();
    }

    /** Calls to {@link #predict} so far (a call may carry a batch). */
    public long calls() {
        return calls.get();
    }
}
