package ml.frontier.attack.quantize;

import ml.frontier.attack.AbstractAttack;
import ml.frontier.attack.AttackContext;
import ml.frontier.attack.ModelWeights;
import ml.frontier.core.model.TrainableModel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Uniform k-bit quantization of the weights, 2 ≤ k ≤ 16, simulated ("fake-quantized"): each value
 * is mapped to the nearest of {@code 2^k} evenly spaced levels and stored back as float32.
 *
 * <p>The scheme is min-max affine: for a group of values (a whole tensor, or with
 * {@code optPerChannel(true)} each slice along the first dimension — a dense layer's output unit,
 * a convolution's output filter) with minimum {@code lo} and maximum {@code hi},
 * {@code scale = (hi − lo) / (2^k − 1)}, {@code q = round((w − lo) / scale)} and
 * {@code w' = lo + q·scale}. A group therefore takes at most {@code 2^k} distinct values, its
 * extremes are kept exactly, and zero is not necessarily a level. Only weight tensors are
 * quantized; biases and batch-norm parameters stay in float32, as in common int8 deployments.
 */
public final class Quantization extends AbstractAttack {

    /** The fewest and most bits accepted. */
    public static final int MIN_BITS = 2;
    public static final int MAX_BITS = 16;

    private final int bits;
    private final boolean perChannel;

    private Quantization(Builder b) {
        if (b.bits < MIN_BITS || b.bits > MAX_BITS) {
            throw new IllegalArgumentException("quantization bits must be in [" + MIN_BITS + "," + MAX_BITS + "], got "
                    + b.bits);
        }
        this.bits = b.bits;
        this.perChannel = b.perChannel;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "quantize";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bits", bits);
        m.put("granularity", perChannel ? "per-channel" : "per-tensor");
        m.put("scheme", "min-max affine");
        return m;
    }

    @Override
    protected Map<String, Object> attack(TrainableModel copy, AttackContext context) {
        var names = ModelWeights.names(copy);
        context.progress().start("quantizing", names.size());
        Map<String, Integer> distinct = new LinkedHashMap<>();
        int maxDistinct = 0;
        double absErrorSum = 0;
        long count = 0;
        int done = 0;
        for (String n : names) {
            float[] w = copy.values(n);
            float[] q = w.clone();
            int groups = perChannel ? (int) copy.shape(n)[0] : 1;
            int groupSize = w.length / groups;
            int tensorMax = 0;
            for (int g = 0; g < groups; g++) {
                quantize(q, g * groupSize, (g + 1) * groupSize, bits);
                tensorMax = Math.max(tensorMax, ModelWeights.distinctValues(q, g * groupSize, (g + 1) * groupSize));
            }
            for (int i = 0; i < w.length; i++) {
                absErrorSum += Math.abs(q[i] - w[i]);
            }
            count += w.length;
            copy.setValues(n, q);
            distinct.put(n, tensorMax);
            maxDistinct = Math.max(maxDistinct, tensorMax);
            context.progress().update(++done, n);
        }
        context.progress().finish("quantized " + names.size() + " weight tensors to " + bits + " bits");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("bits", bits);
        figures.put("levels", 1 << bits);
        figures.put("maxDistinctValues", maxDistinct);
        figures.put("distinctValuesPerTensor", distinct);
        figures.put("meanAbsError", count == 0 ? 0.0 : absErrorSum / count);
        figures.put("quantizedWeights", count);
        return figures;
    }

    /** Quantizes {@code w[from..to)} in place to {@code bits}-bit min-max affine levels. */
    public static void quantize(float[] w, int from, int to, int bits) {
        if (from >= to) {
            return;
        }
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            lo = Math.min(lo, w[i]);
            hi = Math.max(hi, w[i]);
        }
        int levels = (1 << bits) - 1;
        double scale = ((double) hi - lo) / levels;
        if (!(scale > 0) || Double.isInfinite(scale)) {
            return; // constant group (or non-finite values): one level already
        }
        for (int i = from; i < to; i++) {
            long q = Math.round((w[i] - (double) lo) / scale);
            q = Math.max(0, Math.min(levels, q));
            w[i] = (float) (lo + q * scale);
        }
    }

    /** Builder: {@code setBits} is required (2..16); per tensor by default. */
    public static final class Builder {
        private int bits;
        private boolean perChannel;

        private Builder() {}

        public Builder setBits(int v) {
            bits = v;
            return this;
        }

        /** One set of levels per slice of the first dimension (output channel) instead of per tensor. */
        public Builder optPerChannel(boolean v) {
            perChannel = v;
            return this;
        }

        /** Validates and builds; throws {@link IllegalArgumentException} naming a bad parameter. */
        public Quantization build() {
            return new Quantization(this);
        }
    }
}
