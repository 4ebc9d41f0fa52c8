package ml.frontier.tamper;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.model.TrainableModel;

/**
 * The last step of marker generation: which of the screened candidates to keep. {@link #first}
 * keeps them in the order made; {@link #diverse} keeps points far apart in the model's feature
 * space; {@link CoverageSelection} keeps those that together catch the most perturbed copies.
 */
public interface MarkerSelection {

    /** Its name, for the marker file. */
    String name();

    /** Screened candidates it wants for {@code count} markers. */
    int candidates(int count);

    /** Indices of the {@code count} markers of {@code screened} to keep (all of them when there are fewer). */
    int[] choose(TrainableModel model, MarkerSet screened, int count, long seed) throws FrontierException;

    /** The first {@code count} candidates. */
    static MarkerSelection first() {
        return new MarkerSelection() {
            @Override
            public String name() {
                return "first";
            }

            @Override
            public int candidates(int count) {
                return count;
            }

            @Override
            public int[] choose(TrainableModel model, MarkerSet screened, int count, long seed) {
                return range(Math.min(count, screened.size()));
            }
        };
    }

    /** {@code factor} candidates per marker; farthest-point selection in the penultimate features. */
    static MarkerSelection diverse(int factor) {
        if (factor < 2) {
            throw new IllegalArgumentException("diverse selection needs a factor >= 2, got " + factor);
        }
        return new MarkerSelection() {
            @Override
            public String name() {
                return "diverse" + factor;
            }

            @Override
            public int candidates(int count) {
                return count * factor;
            }

            @Override
            public int[] choose(TrainableModel model, MarkerSet screened, int count, long seed) throws FrontierException {
                if (screened.size() <= count) {
                    return range(screened.size());
                }
                float[] f = new DjlClassifier(model, model.describe(), 512).features(screened.images());
                return DiverseSelection.farthestPoint(f, f.length / screened.size(), count, seed);
            }
        };
    }

    /** 0, 1, …, n − 1. */
    static int[] range(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
