package ml.frontier.watermark;

import com.fasterxml.jackson.core.JsonProcessingException;
import ml.frontier.core.io.ArrayBundle;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The verdict of a watermark check: the suspect is declared watermarked when its mismatch count
 * {@code m} on the key is below θ.
 *
 * @param model what was queried
 * @param k key size
 * @param mismatches m, the key answers that differ from the key labels
 * @param trueAdversaryMismatches of which on true adversaries
 * @param threshold θ
 * @param p the significance level θ was computed for
 * @param falsePositiveBound exact P(Z ≤ θ−1) for Z ~ Binomial(k, 1/2)
 * @param queries images sent to the model
 * @param watermarked {@code m < θ}
 * @param keyCommitment the key's SHA-256 commitment
 */
public record Verification(String model, int k, int mismatches, int trueAdversaryMismatches, int threshold, double p,
                           double falsePositiveBound, long queries, boolean watermarked, String keyCommitment) {

    /** The share of key images answered with the key label. */
    public double keyAccuracy() {
        return 1.0 - (double) mismatches / k;
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("watermarked", watermarked);
        m.put("k", k);
        m.put("mismatches", mismatches);
        m.put("trueAdversaryMismatches", trueAdversaryMismatches);
        m.put("threshold", threshold);
        m.put("p", p);
        m.put("falsePositiveBound", falsePositiveBound);
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
