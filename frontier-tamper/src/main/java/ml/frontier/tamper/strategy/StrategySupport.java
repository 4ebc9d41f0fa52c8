package ml.frontier.tamper.strategy;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.tamper.MarkerSet;

import java.util.Map;

/** Runs a projected ascent (and the frontier approach) over candidates in chunks. */
final class StrategySupport {

    private static final int CHUNK = 256;

    private StrategySupport() {}

    /** Every candidate after the ascent, with its score (-infinity where no iterate was valid). */
    static ProjectedAscent.Result ascend(DjlClassifier wb, ImageBatch cand, ProjectedAscent ascent, ProjectedAscent.Goal goal)
            throws FrontierException {
        ImageBatch all = null;
        int[] labels = new int[cand.n()];
        float[] scores = new float[cand.n()];
        for (int from = 0; from < cand.n(); from += CHUNK) {
            ImageBatch chunk = cand.slice(from, Math.min(cand.n(), from + CHUNK));
            ProjectedAscent.Result r = ascent.run(wb, chunk, goal);
            all = all == null ? r.images() : all.concat(r.images());
            System.arraycopy(r.labels(), 0, labels, from, chunk.n());
            System.arraycopy(r.scores(), 0, scores, from, chunk.n());
        }
        return new ProjectedAscent.Result(all, labels, scores);
    }

    /** {@code images} moved to just above their margin floor, chunk by chunk. */
    static ImageBatch approach(DjlClassifier wb, ImageBatch images, FrontierApproach approach) throws FrontierException {
        if (images.n() == 0) {
            return images;
        }
        ImageBatch all = null;
        for (int from = 0; from < images.n(); from += CHUNK) {
            ImageBatch r = approach.run(wb, images.slice(from, Math.min(images.n(), from + CHUNK)));
            all = all == null ? r : all.concat(r);
        }
        return all;
    }

    /** The top {@code count} by score after the ascent, moved to their floor and relabelled. */
    static MarkerSet bestApproached(DjlClassifier wb, ImageBatch cand, int count, ProjectedAscent ascent,
                                    ProjectedAscent.Goal goal, FrontierApproach approach, String name,
                                    Map<String, String> parameters, long seed) throws FrontierException {
        ProjectedAscent.Result r = ascend(wb, cand, ascent, goal);
        ImageBatch best = approach(wb, r.images().select(ProjectedAscent.top(r.scores(), count)), approach);
        return MarkerSet.of(best, wb.predictAll(best, 256), name, parameters, seed);
    }
}
