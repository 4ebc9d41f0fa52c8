package ml.frontier.watermark;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.CountingClassifier;
import ml.frontier.watermark.stats.BinomialThreshold;
import ml.frontier.watermark.stats.EmpiricalThreshold;

import java.util.List;

/**
 * Checks a suspect model for a watermark through its labels alone: one query per key image
 * (sent in batches), {@code m} = answers that differ from the key labels, watermarked iff
 * {@code m < θ} (see {@link BinomialThreshold}). Works with any {@link Classifier}: a model
 * file, an ONNX file or a remote endpoint.
 */
public final class Verifier {

    private static final int BATCH = 100;

    private final Double p;

    /** A verifier that uses each key's own significance level. */
    public Verifier() {
        this.p = null;
    }

    /** A verifier with a fixed significance level {@code p} in (0,1). */
    public Verifier(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0,1), got " + p);
        }
        this.p = p;
    }

    /** Queries {@code suspect} with the key and applies the binomial test. */
    public Verification verify(Classifier suspect, WatermarkKey key) throws FrontierException {
        double level = p == null ? key.p() : p;
        KeyFile.checkShape(key, suspect);
        CountingClassifier counting = new CountingClassifier(suspect);
        int[] answers = counting.predictAll(key.images(), BATCH);
        int[] labels = key.labels();
        boolean[] kinds = key.trueAdversary();
        int m = 0, mTrue = 0;
        for (int i = 0; i < labels.length; i++) {
            if (answers[i] != labels[i]) {
                m++;
                if (kinds[i]) {
                    mTrue++;
                }
            }
        }
        int theta = BinomialThreshold.threshold(key.size(), level);
        return new Verification(suspect.describe(), key.size(), m, mTrue, theta, level,
                BinomialThreshold.falsePositiveRate(key.size(), theta), counting.queries(), m < theta,
                key.commitment());
    }

    /** The mismatch count of {@code suspect} on the key. */
    public int mismatches(Classifier suspect, WatermarkKey key) throws FrontierException {
        return verify(suspect, key).mismatches();
    }

    /**
     * Fits the empirical threshold (Watermark Robustness Toolbox style) on independently trained,
     * unmarked null models; see {@link EmpiricalThreshold} for the rule.
     */
    public EmpiricalThreshold fitEmpirical(List<? extends Classifier> nullModels, WatermarkKey key, double alpha)
            throws FrontierException {
        int[] m = new int[nullModels.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = mismatches(nullModels.get(i), key);
        }
        return EmpiricalThreshold.fit(m, alpha);
    }
}
