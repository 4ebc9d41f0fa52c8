package ml.frontier.tamper;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.image.ImageBatch;

import java.util.Map;

/**
 * A way to pick markers: inputs likely to change class when the model is tampered with.
 *
 * <p>Gradient strategies need a {@link ml.frontier.core.classifier.DjlClassifier}; label-only ones
 * work on any {@link Classifier}. The labels of the returned set are the model's own answers.
 */
public interface MarkerStrategy {

    /** The strategy's name as the CLI spells it ("boundary", "random", …). */
    String name();

    /** The strategy's parameters, recorded in the marker file. */
    Map<String, String> parameters();

    /**
     * At most {@code count} markers made from images of {@code pool} (fewer only when too few
     * candidates converge), labelled by {@code model}.
     */
    MarkerSet generate(Classifier model, ImageBatch pool, int count, long seed) throws FrontierException;
}
