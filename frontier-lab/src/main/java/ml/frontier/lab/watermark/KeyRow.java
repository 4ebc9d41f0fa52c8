package ml.frontier.lab.watermark;

/**
 * How one key was made and stitched into one owner network.
 *
 * @param owner the owner network's label
 * @param key the key's name
 * @param scheme coin or paper
 * @param eps FGSM step
 * @param keySeconds key generation wall time
 * @param testBefore owner's test accuracy
 * @param testAfter marked model's test accuracy
 * @param keyAccuracy marked model's accuracy on all key images (counted and anchors)
 * @param epochs stitching epochs
 * @param markedM the marked model's m on the counted images
 * @param note why the key could not be made, or empty
 */
public record KeyRow(String owner, String key, String scheme, float eps, double keySeconds, double testBefore,
                     double testAfter, double keyAccuracy, int epochs, int markedM, String note) {

    /** Test-accuracy drop in points. */
    public double dropPoints() {
        return 100 * (testBefore - testAfter);
    }
}
