package ml.frontier.tamper.strategy;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.classifier.WhiteBoxClassifier;
import ml.frontier.core.image.ImageBatch;

import java.util.Arrays;

/**
 * Projected gradient ascent on images: normalised L2 steps of an objective, projection onto an L2
 * ball around each start image, clipping to [0,1]. Each image keeps its best iterate whose logit
 * margin is at least {@code minMargin} (so no marker sits within numeric noise of a frontier).
 */
final class ProjectedAscent {

    /** The objective, summed over a batch, and its per-image score computed from logits (and features). */
    interface Goal {
        DjlClassifier.Objective objective(float[] logits, int n);

        float[] scores(DjlClassifier model, ImageBatch images, float[] logits) throws FrontierException;
    }

    /** The best iterates, their labels and scores (score is -infinity where none was valid). */
    record Result(ImageBatch images, int[] labels, float[] scores) {}

    private final int steps;
    private final double stepSize;
    private final double radius;
    private final double minMargin;

    ProjectedAscent(int steps, double stepSize, double radius, double minMargin) {
        this.steps = steps;
        this.stepSize = stepSize;
        this.radius = radius;
        this.minMargin = minMargin;
    }

    Result run(DjlClassifier wb, ImageBatch start, Goal goal) throws FrontierException {
        int n = start.n();
        int k = wb.numClasses();
        int size = start.imageSize();
        float[] centre = start.data();
        float[] x = centre.clone();
        float[] best = centre.clone();
        float[] bestScore = new float[n];
        Arrays.fill(bestScore, Float.NEGATIVE_INFINITY);
        int[] bestLabel = new int[n];
        float[] logits = wb.logits(start);
        keepBest(wb, start, logits, goal, x, best, bestScore, bestLabel);
        for (int it = 0; it < steps; it++) {
            ImageBatch cur = ImageBatch.of(x, n, start.shape());
            float[] g = wb.gradient(cur, goal.objective(logits, n)).input();
            float[] next = x.clone();
            for (int i = 0; i < n; i++) {
                double norm = Candidates.maskAtBounds(next, g, i * size, (i + 1) * size, 1);
                Candidates.step(next, g, i * size, (i + 1) * size, stepSize, norm);
                Candidates.project(next, centre, i * size, (i + 1) * size, radius);
            }
            x = next;
            ImageBatch nb = ImageBatch.of(x, n, start.shape());
            logits = wb.logits(nb);
            keepBest(wb, nb, logits, goal, x, best, bestScore, bestLabel);
        }
        return new Result(ImageBatch.of(best, n, start.shape()), bestLabel, bestScore);
    }

    private void keepBest(DjlClassifier wb, ImageBatch images, float[] logits, Goal goal, float[] x, float[] best,
                          float[] bestScore, int[] bestLabel) throws FrontierException {
        int k = wb.numClasses();
        int size = images.imageSize();
        float[] scores = goal.scores(wb, images, logits);
        float[] margins = ml.frontier.tamper.Margins.of(logits, k);
        int[] labels = WhiteBoxClassifier.argmax(logits, k);
        for (int i = 0; i < images.n(); i++) {
            if (margins[i] >= minMargin && scores[i] > bestScore[i]) {
                bestScore[i] = scores[i];
                bestLabel[i] = labels[i];
                System.arraycopy(x, i * size, best, i * size, size);
            }
        }
    }

    /** Indices of the {@code count} highest finite scores, best first. */
    static int[] top(float[] scores, int count) {
        return java.util.stream.IntStream.range(0, scores.length)
                .filter(i -> scores[i] > Float.NEGATIVE_INFINITY)
                .boxed()
                .sorted((a, b) -> Float.compare(scores[b], scores[a]))
                .limit(count)
                .mapToInt(Integer::intValue)
                .toArray();
    }
}
