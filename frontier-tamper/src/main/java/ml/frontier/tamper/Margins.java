package ml.frontier.tamper;

/**
 * Logit margins: how far each image is from the nearest decision frontier, measured as the
 * top logit minus the runner-up logit.
 */
public final class Margins {

    private Margins() {}

    /** Per row of {@code n × k} logits: top minus runner-up. */
    public static float[] of(float[] logits, int k) {
        int n = logits.length / k;
        float[] out = new float[n];
        for (int r = 0; r < n; r++) {
            float best = Float.NEGATIVE_INFINITY;
            float second = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                float v = logits[r * k + j];
                if (v > best) {
                    second = best;
                    best = v;
                } else if (v > second) {
                    second = v;
                }
            }
            out[r] = best - second;
        }
        return out;
    }

    /** Per row: the index of the largest logit other than {@code label[r]}. */
    public static int[] runnerUp(float[] logits, int k, int[] labels) {
        int n = logits.length / k;
        int[] out = new int[n];
        for (int r = 0; r < n; r++) {
            int best = -1;
            for (int j = 0; j < k; j++) {
                if (j != labels[r] && (best < 0 || logits[r * k + j] > logits[r * k + best])) {
                    best = j;
                }
            }
            out[r] = best;
        }
        return out;
    }

    /** The median of {@code values} (a copy is sorted). */
    public static double median(float[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        float[] s = values.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }
}
