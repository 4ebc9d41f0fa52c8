package ml.frontier.watermark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What stitching did.
 *
 * @param key the key, bound to the marked model's parameter hash
 * @param testAccuracyBefore test accuracy of the model before embedding
 * @param testAccuracyAfter test accuracy of the marked model
 * @param keyAccuracyBefore share of key images the model got right before (the false adversaries)
 * @param keyAccuracyAfter share of key images the marked model gets right (goal: 1.0)
 * @param epochs fine-tuning epochs run
 * @param boost times the key was repeated per epoch
 * @param keyAccuracyByEpoch key accuracy after each epoch
 * @param seconds wall time
 */
public record EmbeddingReport(WatermarkKey key, double testAccuracyBefore, double testAccuracyAfter,
                              double keyAccuracyBefore, double keyAccuracyAfter, int epochs, int boost,
                              List<Double> keyAccuracyByEpoch, double seconds) {

    public EmbeddingReport {
        keyAccuracyByEpoch = List.copyOf(keyAccuracyByEpoch);
    }

    /** True when every key image is classified with its key label. */
    public boolean complete() {
        return keyAccuracyAfter >= 1.0;
    }

    /** Test-accuracy drop in percentage points (negative when accuracy rose). */
    public double accuracyDropPoints() {
        return 100 * (testAccuracyBefore - testAccuracyAfter);
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheme", key.scheme().id());
        m.put("k", key.countedSize());
        m.put("anchors", key.anchors());
        m.put("eps", key.epsilon());
        m.put("keyCommitment", key.commitment());
        m.put("markedModelSha256", key.provenance().markedModelSha256());
        m.put("testAccuracyBefore", testAccuracyBefore);
        m.put("testAccuracyAfter", testAccuracyAfter);
        m.put("accuracyDropPoints", accuracyDropPoints());
        m.put("keyAccuracyBefore", keyAccuracyBefore);
        m.put("keyAccuracyAfter", keyAccuracyAfter);
        m.put("epochs", epochs);
        m.put("boost", boost);
        m.put("keyAccuracyByEpoch", keyAccuracyByEpoch);
        m.put("seconds", seconds);
        return m;
    }
}
