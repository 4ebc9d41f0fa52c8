package ml.frontier.tamper.strategy;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.tamper.MarkerSet;

import java.util.Map;

/** Runs a projected ascent over candidates in chunks and keeps the best-scoring markers. */
final class StrategySupport {

    private static final int CHUNK = 256;

    private StrategySupport() {}

    static MarkerSet bestOf(DjlClassifier wb, ImageBatch cand, int count, ProjectedAscent ascent,
                            ProjectedAscent.Goal goal, String name, Map<String, String> parameters, long seed)
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
        int[] keep = ProjectedAscent.top(scores, count);
        int[] l = new int[keep.length];
        for (int i = 0; i < keep.length; i++) {
            l[i] = labels[keep[i]];
        }
        return MarkerSet.of(all.select(keep), l, name, parameters, seed);
    }
}
