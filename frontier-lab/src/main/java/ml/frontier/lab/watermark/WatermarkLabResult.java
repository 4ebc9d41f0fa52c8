package ml.frontier.lab.watermark;

import java.util.List;

/**
 * Everything the study measured.
 *
 * @param config the settings it ran with
 * @param keys one row per (owner, key)
 * @param checks one row per verdict
 * @param provenance versions, seed, data and machine load, for the report
 * @param seconds wall time of this run (a resumed run counts only its own part)
 */
public record WatermarkLabResult(WatermarkLabConfig config, List<KeyRow> keys, List<CheckRow> checks,
                                 String provenance, double seconds) {

    public WatermarkLabResult {
        keys = List.copyOf(keys);
        checks = List.copyOf(checks);
    }

    /** Null-model verdicts under {@code rule}. */
    public List<CheckRow> nullChecks(String rule) {
        return checks.stream().filter(c -> c.group().equals("null") && c.rule().equals(rule)).toList();
    }

    /** Null-model verdicts under {@code rule} that claimed an unrelated model. */
    public long falseClaims(String rule) {
        return nullChecks(rule).stream().filter(CheckRow::claimed).count();
    }
}
