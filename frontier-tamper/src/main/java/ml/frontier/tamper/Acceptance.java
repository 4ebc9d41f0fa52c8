package ml.frontier.tamper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a marker set was screened against false alarms, kept in the marker file: the benign
 * re-deployments every marker kept its label under, those that could not be checked (and why),
 * the margin floor, and the distribution of the accepted markers' logit margins.
 *
 * @param redeployments variants checked ("in-process/batch64", "fresh-process/threads1/avx2/batch1", …)
 * @param notChecked re-deployments that could not be made, with the reason
 * @param floor the margin floor applied, or null (label-only: no logits to measure)
 * @param candidates markers the strategy proposed
 * @param belowFloor proposals rejected by the floor
 * @param moved proposals rejected because a re-deployment moved their label
 * @param margins the accepted markers' margins: min, 1% and 5% quantiles, median (NaN when unknown)
 * @param floorRatioMin the least margin / floor ratio among accepted markers (NaN when unknown)
 */
public record Acceptance(List<String> redeployments, List<String> notChecked, MarginFloor floor, int candidates,
                         int belowFloor, int moved, double[] margins, double floorRatioMin) {

    public Acceptance {
        redeployments = List.copyOf(redeployments);
        notChecked = List.copyOf(notChecked);
        margins = margins.clone();
        if (margins.length != 4) {
            throw new IllegalArgumentException("margins: min, q01, q05, median");
        }
    }

    /** Nothing recorded (a set made before screening was recorded). */
    public static Acceptance unknown() {
        double[] nan = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        return new Acceptance(List.of(), List.of("not recorded"), null, 0, 0, 0, nan, Double.NaN);
    }

    /** min, 1% and 5% quantiles and median of {@code values} (NaN for none). */
    public static double[] quantiles(float[] values) {
        if (values.length == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        float[] s = values.clone();
        Arrays.sort(s);
        return new double[] {s[0], s[(int) Math.floor(0.01 * (s.length - 1))], s[(int) Math.floor(0.05 * (s.length - 1))],
                Margins.median(s)};
    }

    /** For the marker file's manifest. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("redeployments", redeployments);
        m.put("notChecked", notChecked);
        if (floor != null) {
            m.put("floor", Map.of("unitRoundoff", floor.unitRoundoff(), "sigmas", floor.sigmas(), "safety", floor.safety(),
                    "absolute", floor.absolute()));
        }
        m.put("candidates", candidates);
        m.put("belowFloor", belowFloor);
        m.put("moved", moved);
        List<Object> q = new ArrayList<>();
        for (double v : margins) {
            q.add(Double.isNaN(v) ? null : v);
        }
        m.put("marginMinQ01Q05Median", q);
        m.put("floorRatioMin", Double.isNaN(floorRatioMin) ? null : floorRatioMin);
        return m;
    }

    /** One line for people. */
    public String summary() {
        String margin = Double.isNaN(margins[0]) ? "margins unknown (label-only)"
                : String.format(java.util.Locale.ROOT, "margin min %.4g, 1%% %.4g, 5%% %.4g, median %.4g", margins[0],
                margins[1], margins[2], margins[3]);
        return String.format(java.util.Locale.ROOT, "%d benign re-deployments checked (%d not possible), %d of %d proposals "
                        + "below the margin floor, %d moved; %s%s", redeployments.size(), notChecked.size(), belowFloor,
                candidates, moved, margin, floor == null ? "" : String.format(java.util.Locale.ROOT,
                        "; floor = %.0f × %.0f σ of FP16/TF32 rounding, least margin/floor %.2f", floor.safety(),
                        floor.sigmas(), floorRatioMin));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Acceptance a && a.redeployments.equals(redeployments) && a.notChecked.equals(notChecked)
                && java.util.Objects.equals(a.floor, floor) && a.candidates == candidates && a.belowFloor == belowFloor
                && a.moved == moved && Arrays.equals(a.margins, margins)
                && Double.compare(a.floorRatioMin, floorRatioMin) == 0;
    }

    @Override
    public int hashCode() {
        return redeployments.hashCode() * 31 + candidates;
    }

    @Override
    public String toString() {
        return summary();
    }
}
