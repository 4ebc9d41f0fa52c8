package ml.frontier.attack;

import ml.frontier.core.model.TrainableModel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an attack did: the attacked model (owned by the caller, who closes it), test accuracy
 * before and after, the attack's own figures and its parameters.
 *
 * @param attack the attack's name ("prune", "quantize", "finetune", "trojan", "perturb")
 * @param model the attacked copy; its metadata history ends with the {@code attack:<name>} step
 * @param accuracyBefore test accuracy of the original model (NaN without test data)
 * @param accuracyAfter test accuracy of the attacked model (NaN without test data)
 * @param figures the attack's own results, e.g. {@code sparsity}, {@code maxDistinctValues},
 *     {@code successRate}, {@code changed}
 * @param parameters the attack's parameters plus the seed
 */
public record AttackResult(String attack, TrainableModel model, double accuracyBefore, double accuracyAfter,
                           Map<String, Object> figures, Map<String, Object> parameters) {

    public AttackResult {
        Objects.requireNonNull(attack, "attack");
        Objects.requireNonNull(model, "model");
        figures = Map.copyOf(figures);
        parameters = Map.copyOf(parameters);
    }

    /** A figure by name, failing with a message listing the known ones. */
    public Object figure(String name) {
        Object v = figures.get(name);
        if (v == null) {
            throw new IllegalArgumentException("attack " + attack + " has no figure '" + name + "' (it has "
                    + figures.keySet() + ")");
        }
        return v;
    }

    /** A numeric figure as a double. */
    public double number(String name) {
        Object v = figure(name);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("figure '" + name + "' of attack " + attack + " is not a number: " + v);
        }
        return n.doubleValue();
    }

    /** Everything but the model, for JSON reports; includes the attacked model's SHA-256. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attack", attack);
        m.put("accuracyBefore", accuracyBefore);
        m.put("accuracyAfter", accuracyAfter);
        m.put("parameters", new java.util.TreeMap<>(parameters));
        m.put("figures", new java.util.TreeMap<>(figures));
        m.put("modelSha256", model.metadata().parametersSha256());
        return m;
    }
}
