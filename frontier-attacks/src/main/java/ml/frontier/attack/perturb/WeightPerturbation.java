package ml.frontier.attack.perturb;

import ml.frontier.attack.AbstractAttack;
import ml.frontier.attack.AttackContext;
import ml.frontier.attack.ModelWeights;
import ml.frontier.core.FrontierException;
import ml.frontier.core.model.TrainableModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Adds {@code amount} to {@code count} weights chosen at random (seeded, distinct) among the last
 * layer's weights (default) or among all weight tensors. Biases are never touched.
 *
 * <p>Figure {@code changed}: a list of {@code {parameter, index, before, after}}, one per weight.
 */
public final class WeightPerturbation extends AbstractAttack {

    /** Where the perturbed weights are picked. */
    public enum Scope {
        /** The last (output) layer's weight tensor. */
        LAST_LAYER,
        /** Every weight tensor, uniformly over all weight values. */
        ALL;

        public static Scope parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
                case "last-layer", "last" -> LAST_LAYER;
                case "all" -> ALL;
                default -> throw new IllegalArgumentException("unknown weight scope '" + s + "' (known: last-layer, all)");
            };
        }

        @Override
        public String toString() {
            return this == LAST_LAYER ? "last-layer" : "all";
        }
    }

    private final int count;
    private final float amount;
    private final Scope scope;

    private WeightPerturbation(Builder b) {
        if (b.count <= 0) {
            throw new IllegalArgumentException("number of weights to perturb must be positive, got " + b.count);
        }
        if (!Float.isFinite(b.amount) || b.amount == 0f) {
            throw new IllegalArgumentException("perturbation amount must be finite and non-zero, got " + b.amount);
        }
        if (b.scope == null) {
            throw new IllegalArgumentException("perturbation scope must be given");
        }
        this.count = b.count;
        this.amount = b.amount;
        this.scope = b.scope;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "perturb";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("amount", decimal(amount));
        m.put("scope", scope.toString());
        return m;
    }

    private List<String> candidates(TrainableModel model) {
        return scope == Scope.LAST_LAYER ? ModelWeights.lastLayerNames(model) : ModelWeights.names(model);
    }

    @Override
    protected void validate(TrainableModel model, AttackContext context) throws FrontierException {
        long available = 0;
        for (String n : candidates(model)) {
            available += model.values(n).length;
        }
        if (count > available) {
            throw new FrontierException("cannot perturb " + count + " weights: the " + scope + " scope of this "
                    + model.describe() + " holds " + available);
        }
    }

    @Override
    protected Map<String, Object> attack(TrainableModel copy, AttackContext context) {
        List<Map<String, Object>> changed = new ArrayList<>();
        Map<String, float[]> edited = new LinkedHashMap<>();
        for (ModelWeights.Position pos : ModelWeights.pickDistinct(copy, candidates(copy), count, new Random(context.seed()))) {
            String name = pos.parameter();
            float[] w = edited.computeIfAbsent(name, copy::values);
            int index = pos.index();
            float before = w[index];
            w[index] = before + amount;
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("parameter", name);
            c.put("index", index);
            c.put("before", (double) before);
            c.put("after", (double) w[index]);
            changed.add(c);
        }
        edited.forEach(copy::setValues);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("changed", changed);
        figures.put("changedWeights", changed.size());
        return figures;
    }

    /** Builder: defaults 1 weight of the last layer, amount 0.5. */
    public static final class Builder {
        private int count = 1;
        private float amount = 0.5f;
        private Scope scope = Scope.LAST_LAYER;

        private Builder() {}

        /** How many distinct weights to change. */
        public Builder optCount(int v) {
            count = v;
            return this;
        }

        /** Added to each chosen weight (may be negative, not zero). */
        public Builder optAmount(float v) {
            amount = v;
            return this;
        }

        public Builder optScope(Scope v) {
            scope = v;
            return this;
        }

        /** Validates and builds; throws {@link IllegalArgumentException} naming a bad parameter. */
        public WeightPerturbation build() {
            return new WeightPerturbation(this);
        }
    }
}
