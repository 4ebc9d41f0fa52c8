package ml.frontier.tamper;

import java.util.Random;

/**
 * Greedy farthest-point selection: picks rows of a feature matrix that are far from each other,
 * so the chosen markers react to different kinds of changes (features are e.g. the penultimate
 * activations from {@code DjlClassifier.features}).
 */
public final class DiverseSelection {

    private DiverseSelection() {}

    /** {@code count} row indices of the {@code n × dim} matrix, the first drawn with {@code seed}. */
    public static int[] farthestPoint(float[] features, int dim, int count, long seed) {
        int n = features.length / dim;
        if (count >= n) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        double[] nearest = new double[n];
        java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        int[] out = new int[count];
        int cur = new Random(seed).nextInt(n);
        for (int c = 0; c < count; c++) {
            out[c] = cur;
            int next = -1;
            for (int i = 0; i < n; i++) {
                double d = 0;
                for (int j = 0; j < dim; j++) {
                    double v = features[i * dim + j] - features[cur * dim + j];
                    d += v * v;
                }
                nearest[i] = Math.min(nearest[i], d);
                if (next < 0 || nearest[i] > nearest[next]) {
                    next = i;
                }
            }
            cur = next;
        }
        return out;
    }
}
