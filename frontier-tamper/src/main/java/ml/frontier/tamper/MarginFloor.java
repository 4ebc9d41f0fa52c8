package ml.frontier.tamper;

import ml.frontier.tamper.benign.Rounding;

/**
 * The smallest logit margin a marker may have: {@code safety × sigmas ×} the standard deviation
 * of the margin's change when the weights and the input are rounded to a format of unit roundoff
 * {@code u} ({@link MarginSensitivity#roundingSigma}), and never below {@code absolute}.
 *
 * <p>Why: a deployment in FP16 or TF32 (unit roundoff 2⁻¹¹, the coarsest formats a served model
 * is commonly run in) stores each weight and input with a relative error of at most {@code u}.
 * To first order the margin then moves by {@code Σ g_j·v_j·δ_j} ({@code |δ_j| ≤ u}). The worst
 * case, {@code u·Σ|g_j·v_j|} ({@link MarginSensitivity#roundingBound}), assumes every error has
 * the worst sign; with independent errors (Higham and Mary's probabilistic rounding analysis, 2019)
 * the change is nearly Gaussian with the standard deviation above, and {@code sigmas = 6} bounds
 * it except with probability ≈ 2·10⁻⁹ per marker. The safety factor (default 2) covers what the
 * model leaves out: activations rounded layer by layer, float32 sums in another order (batch
 * size, threads, instruction set — 2⁻²⁴, far smaller), second-order terms. The re-deployment
 * checks then test the accepted markers empirically.
 *
 * @param unitRoundoff u of the coarsest format the model may be deployed in
 * @param sigmas standard deviations of the rounding change to clear
 * @param safety the factor on top
 * @param absolute the floor when the estimate is tiny (logit units)
 */
public record MarginFloor(double unitRoundoff, double sigmas, double safety, double absolute) {

    public MarginFloor {
        if (!(unitRoundoff > 0) || !(sigmas > 0) || !(safety >= 1) || !(absolute >= 0)) {
            throw new IllegalArgumentException("margin floor: need u > 0, sigmas > 0, safety >= 1, absolute >= 0");
        }
    }

    /** FP16/TF32 unit roundoff, 6 standard deviations, safety factor 2, at least 1e-4. */
    public static MarginFloor defaults() {
        return new MarginFloor(Rounding.UNIT_ROUNDOFF, 6, 2, 1e-4);
    }

    /** The least margin a marker with sensitivity {@code s} must have. */
    public double floor(MarginSensitivity s) {
        return Math.max(absolute, safety * sigmas * s.roundingSigma(unitRoundoff));
    }

    public boolean accepts(MarginSensitivity s) {
        return s.margin() >= floor(s);
    }
}
