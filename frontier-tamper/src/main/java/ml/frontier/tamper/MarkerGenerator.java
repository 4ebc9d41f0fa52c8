package ml.frontier.tamper;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.progress.Progress;

import java.util.Map;

/**
 * Makes a marker set that raises no false alarms: it asks a {@link MarkerStrategy} for markers,
 * drops those whose label moves under a benign re-deployment ({@link Redeployments}) and asks for
 * more until {@code count} stable markers are found. With {@code diversity > 1}, it makes that
 * many times more stable markers and keeps a diverse subset (farthest points in the model's
 * penultimate feature space).
 *
 * <pre>{@code
 * MarkerSet markers = new MarkerGenerator(BoundaryStrategy.defaults(), Progress.silent())
 *         .generate(model, testImages, 100, seed);
 * }</pre>
 */
public final class MarkerGenerator {

    private static final int MAX_ROUNDS = 6;

    private final MarkerStrategy strategy;
    private final Progress progress;
    private final int diversity;

    public MarkerGenerator(MarkerStrategy strategy, Progress progress) {
        this(strategy, progress, 1);
    }

    /** {@code diversity}: stable candidates made per marker kept (1 = no diverse selection). */
    public MarkerGenerator(MarkerStrategy strategy, Progress progress, int diversity) {
        if (diversity < 1) {
            throw new IllegalArgumentException("diversity must be >= 1, got " + diversity);
        }
        this.strategy = strategy;
        this.progress = progress;
        this.diversity = diversity;
    }

    /** Markers for a model held here (white box): checked on copies and batch sizes 1, 64, 512. */
    public MarkerSet generate(TrainableModel model, ImageBatch pool, int count, long seed) throws FrontierException {
        DjlClassifier clf = new DjlClassifier(model, model.describe(), 512);
        MarkerSet set = collect(clf, pool, count, seed, images -> Redeployments.labels(model, images));
        if (diversity > 1 && set.size() > count) {
            float[] f = clf.features(set.images());
            set = set.select(DiverseSelection.farthestPoint(f, f.length / set.size(), count, seed));
        }
        return set.withModelSha256(model.sha256()).withPreprocessing(model.preprocessing());
    }

    /** Markers for any classifier (e.g. remote): checked at batch sizes 1, 64 and 512 only. */
    public MarkerSet generate(Classifier model, ImageBatch pool, int count, long seed) throws FrontierException {
        MarkerSet set = collect(model, pool, count, seed, images -> Redeployments.labels(model, images, "model"));
        return set.size() > count ? set.select(firstN(count)) : set;
    }

    private interface Relabel {
        Map<String, int[]> labels(ImageBatch images) throws FrontierException;
    }

    private MarkerSet collect(Classifier model, ImageBatch pool, int count, long seed, Relabel relabel)
            throws FrontierException {
        if (count <= 0) {
            throw new IllegalArgumentException("marker count must be positive, got " + count);
        }
        int want = count * diversity;
        MarkerSet out = null;
        progress.start(strategy.name() + " markers", want);
        for (int round = 0; round < MAX_ROUNDS && (out == null || out.size() < want); round++) {
            int need = want - (out == null ? 0 : out.size());
            int ask = round == 0 ? need : need + Math.max(2, need / 4);
            MarkerSet got = strategy.generate(model, pool, ask, seed + 1_000_003L * round);
            if (got.size() == 0) {
                continue;
            }
            int[] keep = Redeployments.stable(got.labels(), relabel.labels(got.images()));
            if (keep.length > need) {
                keep = java.util.Arrays.copyOf(keep, need);
            }
            MarkerSet stable = got.select(keep);
            out = out == null ? stable : out.concat(stable);
            progress.update(out.size(), out.size() + "/" + want + " stable");
        }
        if (out == null || out.size() < count) {
            throw new FrontierException("strategy '" + strategy.name() + "' found only "
                    + (out == null ? 0 : out.size()) + " stable markers of the " + count
                    + " asked for: give a larger image pool or fewer markers");
        }
        progress.finish(out.size() + " stable " + strategy.name() + " markers");
        return new MarkerSet(out.images(), out.labels(), strategy.name(), strategy.parameters(), "", seed, null);
    }

    private static int[] firstN(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
