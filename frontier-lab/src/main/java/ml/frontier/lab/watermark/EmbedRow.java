package ml.frontier.lab.watermark;

import java.util.List;

/**
 * The outcome of marking one network with one ε.
 *
 * @param net network label
 * @param eps FGSM step
 * @param keygenSeconds wall time of key generation (k = 100 by default)
 * @param baseAccuracy test accuracy before stitching
 * @param markedAccuracy test accuracy after stitching
 * @param keyAccuracy the marked model's accuracy on the key
 * @param epochs stitching epochs
 * @param markedMismatches m of the marked model
 * @param nullMismatches m of each null model
 * @param nullsClaimedBinomial null models with m &lt; θ
 * @param nullsClaimedEmpirical null models claimed by θ_emp fitted on the other null models
 * @param note failure of key generation, or empty
 */
public record EmbedRow(String net, float eps, double keygenSeconds, double baseAccuracy, double markedAccuracy,
                       double keyAccuracy, int epochs, int markedMismatches, List<Integer> nullMismatches,
                       int nullsClaimedBinomial, int nullsClaimedEmpirical, String note) {

    public EmbedRow {
        nullMismatches = List.copyOf(nullMismatches);
    }

    public double dropPoints() {
        return 100 * (baseAccuracy - markedAccuracy);
    }
}
