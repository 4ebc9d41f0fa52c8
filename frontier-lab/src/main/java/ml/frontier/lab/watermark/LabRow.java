package ml.frontier.lab.watermark;

/**
 * One verification in the study: a model (the marked one, a null model or an attacked copy)
 * checked against the key of one (network, ε).
 *
 * @param net network label
 * @param eps the key's FGSM step
 * @param subject "marked", "null-3", "ftal", "prune-0.5", "quantize-5bit", …
 * @param group "marked", "null" or "attack"
 * @param testAccuracy the subject's test accuracy
 * @param mismatches m on the key (-1 when the attack failed)
 * @param threshold θ of the binomial test
 * @param binomialClaim m &lt; θ
 * @param empiricalThreshold θ_emp fitted on the null models (leave-one-out for a null model)
 * @param empiricalClaim m &lt; θ_emp
 * @param note attack failure message, or empty
 */
public record LabRow(String net, float eps, String subject, String group, double testAccuracy, int mismatches,
                     int threshold, boolean binomialClaim, int empiricalThreshold, boolean empiricalClaim, String note) {}
