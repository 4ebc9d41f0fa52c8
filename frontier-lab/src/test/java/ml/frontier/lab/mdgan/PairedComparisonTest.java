package ml.frontier.lab.mdgan;

import ml.frontier.gan.GanEvaluation;
import ml.frontier.gan.GanEvaluation.Axis;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The paired t interval against hand-computed values, and curves read at a budget. */
class PairedComparisonTest {

    @Test
    void tIntervalOfPairedDifferences() {
        // mean 2, sd 1 (values 1, 2, 3), n = 3: half-width t(0.975, 2)·1/√3 = 4.303/1.732 = 2.484
        PairedInterval p = PairedInterval.of(new double[] {1, 2, 3});
        assertEquals(2, p.mean(), 1e-12);
        assertEquals(2 - 4.303 / Math.sqrt(3), p.low(), 1e-9);
        assertEquals(2 + 4.303 / Math.sqrt(3), p.high(), 1e-9);
        assertEquals(0, p.sign());
        assertEquals(1, PairedInterval.of(new double[] {1.0, 1.1, 0.9, 1.05, 0.95}).sign());
        assertEquals(-1, PairedInterval.of(new double[] {-1.0, -1.1, -0.9}).sign());
        assertThrows(IllegalArgumentException.class, () -> PairedInterval.of(new double[] {1}));
    }

    @Test
    void curveIsReadAtABudgetByLinearInterpolation() {
        List<GanEvaluation> c = List.of(new GanEvaluation(0, 1, 100, 0, 0, 0, 0), new GanEvaluation(10, 3, 80, 1, 100, 1000, 2),
                new GanEvaluation(20, 5, 60, 2, 200, 2000, 4));
        assertEquals(2, CurveAt.value(c, Axis.ITERATIONS, 5, GanEvaluation::score), 1e-12);
        assertEquals(4, CurveAt.value(c, Axis.GENERATED_SAMPLES, 150, GanEvaluation::score), 1e-12);
        assertEquals(70, CurveAt.value(c, Axis.BYTES, 1500, GanEvaluation::frechet), 1e-12);
        assertEquals(5, CurveAt.value(c, Axis.MODELLED_SECONDS, 9, GanEvaluation::score), 1e-12);
        assertEquals(4, CurveAt.end(c, Axis.MODELLED_SECONDS), 0);
    }
}
