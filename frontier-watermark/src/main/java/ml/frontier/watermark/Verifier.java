package ml.frontier.watermark;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.CountingClassifier;
import ml.frontier.watermark.stats.BinomialThreshold;

import java.util.Locale;

/**
 * Checks a suspect model for a watermark through its labels alone: one query per counted key
 * image (anchors are never sent), {@code m} = answers that differ from the key labels, then a
 * {@link DecisionRule}. Works with any {@link Classifier}: a model file, an ONNX file or a
 * remote endpoint.
 */
public final class Verifier {

    private static final int BATCH = 100;

    private final Double alpha;

    /** A verifier that uses each key's own significance level. */
    public Verifier() {
        this.alpha = null;
    }

    /** A verifier with a fixed significance level {@code alpha} in (0,1). */
    public Verifier(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("p must be in (0,1), got " + alpha);
        }
        this.alpha = alpha;
    }

    /** The suspect's answers on the counted key images and what they cost. */
    public record Answers(int[] answers, long queries) {}

    /** Sends the counted key images to {@code suspect}. */
    public static Answers query(Classifier suspect, WatermarkKey key) throws FrontierException {
        key.checkFits(suspect);
        CountingClassifier counting = new CountingClassifier(suspect);
        int[] answers = counting.predictAll(key.images().select(key.countedIndices()), BATCH);
        return new Answers(answers, counting.queries());
    }

    /** m: counted key images whose answer differs from the key label. */
    public static int mismatches(WatermarkKey key, int[] countedAnswers) {
        int[] idx = key.countedIndices();
        if (countedAnswers.length != idx.length) {
            throw new IllegalArgumentException(countedAnswers.length + " answers for " + idx.length + " counted images");
        }
        int[] labels = key.labels();
        int m = 0;
        for (int j = 0; j < idx.length; j++) {
            m += countedAnswers[j] != labels[idx[j]] ? 1 : 0;
        }
        return m;
    }

    /** The key's sound default rule: binomial for a coin key; a paper key needs references. */
    public Verification verify(Classifier suspect, WatermarkKey key) throws FrontierException {
        return verify(suspect, key, null, null);
    }

    /**
     * Queries {@code suspect} with the key and decides with {@code rule} (null: the sound default
     * for the key, see {@link DecisionRule#defaultFor}); {@code references} is needed by the
     * conformal rule and ignored by the others.
     */
    public Verification verify(Classifier suspect, WatermarkKey key, DecisionRule rule, ReferenceSet references)
            throws FrontierException {
        DecisionRule chosen = resolve(key, rule, references);
        Answers a = query(suspect, key);
        return decide(suspect.describe(), key, mismatches(key, a.answers()), a.queries(), chosen, references);
    }

    /** The verdict for a mismatch count already measured (the labs reuse answers across rules). */
    public Verification decide(String model, WatermarkKey key, int m, long queries, DecisionRule rule,
                               ReferenceSet references) throws FrontierException {
        double level = alpha == null ? key.p() : alpha;
        int k = key.countedSize();
        return switch (rule) {
            case BINOMIAL, PAPER -> {
                int theta = BinomialThreshold.threshold(k, level);
                double bound = BinomialThreshold.falsePositiveRate(k, theta);
                String words = rule == DecisionRule.BINOMIAL
                        ? String.format(Locale.ROOT, "a model trained without this key (any architecture, any data) "
                        + "is claimed with probability at most %.3g (exact binomial over the key's secret fair coins)", bound)
                        : String.format(Locale.ROOT, "NOT VALIDATED: the paper's test assumes each key answer of an "
                        + "unrelated model is a fair coin, which does not hold for original-labelled keys (%s)",
                        PaperRuleRecord.MEASURED);
                yield new Verification(model, rule, key.scheme(), k, key.anchors(), m, theta, level,
                        BinomialThreshold.cdf(k, m), m < theta, bound, 0, words, queries, key.commitment());
            }
            case CONFORMAL -> {
                if (references == null) {
                    throw new FrontierException("the conformal rule needs reference answers (watermark references)");
                }
                double pv = references.pValue(key, m);
                double min = references.minimumPValue();
                String words = String.format(Locale.ROOT, "a model trained like the %d reference models (%s) is claimed "
                                + "with probability at most %.3g; smallest attainable p = %.3g%s; no guarantee for models "
                                + "trained another way", references.size(), references.recipe(), level, min,
                        min > level ? " (above the level: this set can never claim)" : "");
                yield new Verification(model, rule, key.scheme(), k, key.anchors(), m, -1, level, pv, pv <= level, level,
                        references.size(), words, queries, key.commitment());
            }
        };
    }

    private static DecisionRule resolve(WatermarkKey key, DecisionRule rule, ReferenceSet references)
            throws FrontierException {
        if (rule == null) {
            DecisionRule d = DecisionRule.defaultFor(key, references != null);
            if (d == null) {
                throw new FrontierException("this key has original labels (paper scheme): no sound default rule without "
                        + "reference models; make them with 'watermark references' or choose '--rule paper' knowingly");
            }
            return d;
        }
        if (rule == DecisionRule.BINOMIAL && key.scheme() != KeyScheme.COIN) {
            throw new FrontierException("the binomial rule is sound only for coin keys; this key has original labels "
                    + "(use --rule conformal with reference models, or --rule paper)");
        }
        return rule;
    }
}
