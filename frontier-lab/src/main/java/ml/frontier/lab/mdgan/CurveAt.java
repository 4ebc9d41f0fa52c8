package ml.frontier.lab.mdgan;

import ml.frontier.gan.GanEvaluation;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** A learning curve read at a budget on one axis, by linear interpolation between evaluations. */
final class CurveAt {

    private CurveAt() {}

    /** {@code metric} at {@code budget} on {@code axis}; the curve must start at or below the budget. */
    static double value(List<GanEvaluation> curve, GanEvaluation.Axis axis, double budget, ToDoubleFunction<GanEvaluation> metric) {
        GanEvaluation prev = null;
        for (GanEvaluation e : curve) {
            double x = e.budget(axis);
            if (x >= budget) {
                if (prev == null || x == prev.budget(axis)) {
                    return metric.applyAsDouble(e);
                }
                double px = prev.budget(axis), w = (budget - px) / (x - px);
                return (1 - w) * metric.applyAsDouble(prev) + w * metric.applyAsDouble(e);
            }
            prev = e;
        }
        if (prev == null) {
            throw new IllegalArgumentException("empty curve");
        }
        return metric.applyAsDouble(prev);
    }

    /** The budget a curve has spent at its end. */
    static double end(List<GanEvaluation> curve, GanEvaluation.Axis axis) {
        return curve.get(curve.size() - 1).budget(axis);
    }
}
