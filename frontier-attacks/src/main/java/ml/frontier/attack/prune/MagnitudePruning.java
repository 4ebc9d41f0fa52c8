package ml.frontier.attack.prune;

import ml.frontier.attack.AbstractAttack;
import ml.frontier.attack.AttackContext;
import ml.frontier.attack.ModelWeights;
import ml.frontier.core.FrontierException;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.train.ClassifierTrainer;
import ml.frontier.core.train.TrainingConfig;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Magnitude pruning: sets the fraction {@code rate} of weights with the smallest absolute value to
 * zero, either over all weight tensors at once (global) or in each tensor separately (per layer).
 *
 * <p>Only weight tensors are pruned: biases and batch-norm parameters and statistics keep their
 * values. Exactly {@code floor(rate × n)} weights are zeroed (ties at the threshold are broken by
 * position), so the sparsity reached is the rate asked, plus any weights that were already zero.
 *
 * <p>With {@code optFineTuneEpochs(e > 0)} the pruned model is then trained on the attacker's data
 * one epoch at a time, and the pruning mask is re-applied after every epoch, so pruned weights end
 * at zero (each epoch starts a fresh Adam state; within an epoch pruned weights may move before
 * being zeroed again).
 */
public final class MagnitudePruning extends AbstractAttack {

    private final double rate;
    private final boolean perLayer;
    private final int fineTuneEpochs;
    private final float learningRate;
    private final int batchSize;

    private MagnitudePruning(Builder b) {
        if (Double.isNaN(b.rate) || b.rate < 0 || b.rate >= 1) {
            throw new IllegalArgumentException("pruning rate must be in [0,1), got " + b.rate);
        }
        checkTraining("fine-tuning epochs after pruning", b.fineTuneEpochs, b.learningRate, b.batchSize);
        this.rate = b.rate;
        this.perLayer = b.perLayer;
        this.fineTuneEpochs = b.fineTuneEpochs;
        this.learningRate = b.learningRate;
        this.batchSize = b.batchSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "prune";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rate", rate);
        m.put("scope", perLayer ? "per-layer" : "global");
        m.put("fineTuneEpochs", fineTuneEpochs);
        if (fineTuneEpochs > 0) {
            m.put("learningRate", decimal(learningRate));
            m.put("batchSize", batchSize);
        }
        return m;
    }

    @Override
    protected void validate(TrainableModel model, AttackContext context) throws FrontierException {
        if (fineTuneEpochs > 0 && context.attackerData().size() == 0) {
            throw new FrontierException("fine-tuning after pruning needs attacker data, got none");
        }
    }

    @Override
    protected Map<String, Object> attack(TrainableModel copy, AttackContext context) throws FrontierException {
        List<String> names = ModelWeights.names(copy);
        context.progress().start("pruning", names.size());
        Map<String, boolean[]> mask = perLayer ? perLayerMask(copy, names) : globalMask(copy, names);
        applyMask(copy, mask);
        context.progress().finish(String.format(java.util.Locale.ROOT, "pruned %s at rate %.3f: sparsity %.4f",
                perLayer ? "per layer" : "globally", rate, ModelWeights.sparsity(copy)));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("sparsityAfterPruning", ModelWeights.sparsity(copy));
        for (int e = 1; e <= fineTuneEpochs; e++) {
            TrainingConfig config = TrainingConfig.builder().optEpochs(1).optLearningRate(learningRate)
                    .optBatchSize(batchSize).optSeed(context.seed() + e).build();
            new ClassifierTrainer(config, context.progress()).train(copy, context.attackerData(), null);
            applyMask(copy, mask);
        }
        long pruned = 0;
        for (boolean[] m : mask.values()) {
            for (boolean z : m) {
                if (z) {
                    pruned++;
                }
            }
        }
        figures.put("prunedWeights", pruned);
        figures.put("totalWeights", ModelWeights.count(copy));
        figures.put("sparsity", ModelWeights.sparsity(copy));
        figures.put("sparsityPerLayer", ModelWeights.sparsityPerTensor(copy));
        return figures;
    }

    /** The smallest floor(rate × n) weights over all tensors. */
    private Map<String, boolean[]> globalMask(TrainableModel model, List<String> names) {
        Map<String, float[]> values = new LinkedHashMap<>();
        int total = 0;
        for (String n : names) {
            float[] w = model.values(n);
            values.put(n, w);
            total += w.length;
        }
        float[] all = new float[total];
        int off = 0;
        for (float[] w : values.values()) {
            for (float v : w) {
                all[off++] = Math.abs(v);
            }
        }
        int k = (int) Math.floor(rate * total);
        boolean[] flat = smallest(all, k);
        Map<String, boolean[]> mask = new LinkedHashMap<>();
        off = 0;
        for (var e : values.entrySet()) {
            mask.put(e.getKey(), Arrays.copyOfRange(flat, off, off + e.getValue().length));
            off += e.getValue().length;
        }
        return mask;
    }

    /** The smallest floor(rate × n_l) weights of each tensor. */
    private Map<String, boolean[]> perLayerMask(TrainableModel model, List<String> names) {
        Map<String, boolean[]> mask = new LinkedHashMap<>();
        for (String n : names) {
            float[] w = model.values(n);
            float[] abs = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                abs[i] = Math.abs(w[i]);
            }
            mask.put(n, smallest(abs, (int) Math.floor(rate * w.length)));
        }
        return mask;
    }

    /** Marks exactly {@code k} positions holding the smallest values; ties broken by position. */
    static boolean[] smallest(float[] values, int k) {
        boolean[] m = new boolean[values.length];
        if (k <= 0) {
            return m;
        }
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        float threshold = sorted[k - 1];
        int marked = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] < threshold) {
                m[i] = true;
                marked++;
            }
        }
        for (int i = 0; i < values.length && marked < k; i++) {
            if (values[i] == threshold) {
                m[i] = true;
                marked++;
            }
        }
        return m;
    }

    private static void applyMask(TrainableModel model, Map<String, boolean[]> mask) {
        for (var e : mask.entrySet()) {
            float[] w = model.values(e.getKey());
            boolean[] m = e.getValue();
            for (int i = 0; i < w.length; i++) {
                if (m[i]) {
                    w[i] = 0f;
                }
            }
            model.setValues(e.getKey(), w);
        }
    }

    /** Builder: {@code setRate} is required; global by default, no fine-tuning. */
    public static final class Builder {
        private double rate = Double.NaN;
        private boolean perLayer;
        private int fineTuneEpochs;
        private float learningRate = 1e-3f;
        private int batchSize = 64;

        private Builder() {}

        /** The fraction of weights to zero, in [0,1). */
        public Builder setRate(double v) {
            rate = v;
            return this;
        }

        /** Prune each weight tensor at the rate rather than all weights together. */
        public Builder optPerLayer(boolean v) {
            perLayer = v;
            return this;
        }

        /** Epochs of training on the attacker's data after pruning (mask kept), default 0. */
        public Builder optFineTuneEpochs(int v) {
            fineTuneEpochs = v;
            return this;
        }

        public Builder optLearningRate(float v) {
            learningRate = v;
            return this;
        }

        public Builder optBatchSize(int v) {
            batchSize = v;
            return this;
        }

        /** Validates and builds; throws {@link IllegalArgumentException} naming a bad parameter. */
        public MagnitudePruning build() {
            return new MagnitudePruning(this);
        }
    }
}
