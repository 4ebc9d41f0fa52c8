package ml.frontier.lab.tamper;

/**
 * One benign re-deployment of a genuine model and the markers of one strategy that moved there.
 *
 * @param net network label
 * @param redeployment what changed ("copy1/batch64", "fresh-jvm/threads1", …)
 * @param strategy marker strategy
 * @param moved markers whose label moved (a false alarm when positive)
 * @param markers markers checked
 * @param heldOut whether marker screening never saw this re-deployment (false: it was a screening variant)
 */
public record BenignRow(String net, String redeployment, String strategy, int moved, int markers, boolean heldOut) {}
