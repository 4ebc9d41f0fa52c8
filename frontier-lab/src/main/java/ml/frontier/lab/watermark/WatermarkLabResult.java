package ml.frontier.lab.watermark;

import java.util.List;

/**
 * Everything the study measured.
 *
 * @param config the settings it ran with
 * @param embeds one row per (network, ε)
 * @param rows one row per verification
 * @param seconds wall time
 */
public record WatermarkLabResult(WatermarkLabConfig config, List<EmbedRow> embeds, List<LabRow> rows, double seconds) {

    public WatermarkLabResult {
        embeds = List.copyOf(embeds);
        rows = List.copyOf(rows);
    }

    /** Null models claimed by the binomial test, over all keys. */
    public int nullsClaimedBinomial() {
        return embeds.stream().mapToInt(EmbedRow::nullsClaimedBinomial).sum();
    }

    /** Null models claimed by the leave-one-out empirical threshold, over all keys. */
    public int nullsClaimedEmpirical() {
        return embeds.stream().mapToInt(EmbedRow::nullsClaimedEmpirical).sum();
    }

    /** Null-model verifications made, over all keys. */
    public int nullChecks() {
        return embeds.stream().mapToInt(e -> e.nullMismatches().size()).sum();
    }
}
