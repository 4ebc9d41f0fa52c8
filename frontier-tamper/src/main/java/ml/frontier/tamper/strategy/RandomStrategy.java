package ml.frontier.tamper.strategy;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.tamper.MarkerSet;
import ml.frontier.tamper.MarkerStrategy;

import java.util.Map;

/** Markers that are plain images of the pool (e.g. test images): the baseline. */
public final class RandomStrategy implements MarkerStrategy {

    @Override
    public String name() {
        return "random";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of();
    }

    @Override
    public MarkerSet generate(Classifier model, ImageBatch pool, int count, long seed) throws FrontierException {
        ImageBatch images = Candidates.draw(pool, count, seed);
        return MarkerSet.of(images, model.predictAll(images, 64), name(), parameters(), seed);
    }
}
