package ml.frontier.watermark;

import com.fasterxml.jackson.core.JsonProcessingException;
import ml.frontier.core.io.ArrayBundle;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The verdict of a watermark check, with what it guarantees.
 *
 * @param model what was queried
 * @param rule the decision rule
 * @param scheme the key's scheme
 * @param k counted key images (the ones queried)
 * @param anchors key images that were not counted nor sent
 * @param mismatches m, the counted answers that differ from the key labels
 * @param threshold θ of the binomial rules (claimed iff m &lt; θ), -1 for the conformal rule
 * @param alpha the significance level
 * @param pValue binomial: P(Z ≤ m), Z ~ Binomial(k, ½); conformal: (1 + #{ref m ≤ m}) / (n + 1)
 * @param watermarked the claim: binomial m &lt; θ, conformal p ≤ α
 * @param falseClaimBound the false-claim probability the rule guarantees (binomial: exact
 *        P(Z ≤ θ−1); conformal: α)
 * @param references n, the reference models of the conformal rule (0 otherwise)
 * @param guarantee the bound in words, with its conditions
 * @param queries images sent to the model
 * @param keyCommitment the key's SHA-256 commitment
 */
public record Verification(String model, DecisionRule rule, KeyScheme scheme, int k, int anchors, int mismatches,
                           int threshold, double alpha, double pValue, boolean watermarked, double falseClaimBound,
                           int references, String guarantee, long queries, String keyCommitment) {

    /** The share of counted key images answered with the key label. */
    public double keyAccuracy() {
        return 1.0 - (double) mismatches / k;
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("watermarked", watermarked);
        m.put("rule", rule.id());
        m.put("scheme", scheme.id());
        m.put("k", k);
        m.put("anchors", anchors);
        m.put("mismatches", mismatches);
        m.put("threshold", threshold);
        m.put("alpha", alpha);
        m.put("pValue", pValue);
        m.put("falseClaimBound", falseClaimBound);
        m.put("references", references);
        m.put("guarantee", guarantee);
        m.put("keyAccuracy", keyAccuracy());
        m.put("queries", queries);
        m.put("keyCommitment", keyCommitment);
        return m;
    }

    public String toJson() {
        try {
            return ArrayBundle.JSON.writeValueAsString(asMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
