package ml.frontier.lab.watermark;

/**
 * One verdict of the study: one model checked against one key under one decision rule.
 *
 * @param owner the owner network's label
 * @param key the key's name ("coin-0.1", "paper-0.025", …)
 * @param subject the model checked ("marked", a null model's name, "ftal#1", …)
 * @param group "marked", "null" or "attack"
 * @param family for null models: same-arch-seed, other-data, other-arch, pytorch-onnx or sham;
 *        for attacks: the attack's name
 * @param testAccuracy the subject's test accuracy (NaN when unknown)
 * @param inBudget attacks: within the accuracy budget of the marked model
 * @param m mismatches on the key's counted images
 * @param rule binomial, paper or conformal
 * @param alpha the rule's level
 * @param pValue the rule's p-value
 * @param claimed the verdict
 */
public record CheckRow(String owner, String key, String subject, String group, String family, double testAccuracy,
                       boolean inBudget, int m, String rule, double alpha, double pValue, boolean claimed) {}
