package ml.frontier.tamper.benign;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RoundingTest {

    @Test
    void fp16AndTf32KeepTenMantissaBitsRoundingToNearestEven() {
        float ulp = (float) Math.scalb(1.0, -10);
        for (Rounding r : new Rounding[] {Rounding.FP16, Rounding.TF32}) {
            assertEquals(1f, r.round(1f + ulp / 2), r.name() + ": a tie goes to the even neighbour");
            assertEquals(1f + 2 * ulp, r.round(1f + 1.5f * ulp), r.name() + ": a tie goes to the even neighbour");
            assertEquals(1f + ulp, r.round(1f + 0.75f * ulp), r.name());
            assertEquals(-3f, r.round(-3f + 0.4f * ulp * 2), r.name());
            assertEquals(2f, r.round(2f - (float) Math.scalb(1.0, -13)), r.name() + ": a carry raises the exponent");
        }
        assertEquals(1f + (float) Math.scalb(1.0, -7), Rounding.BF16.round(1f + (float) Math.scalb(1.0, -7)), "BF16 keeps 7 bits");
        assertEquals(1f, Rounding.BF16.round(1f + (float) Math.scalb(1.0, -9)));
        assertEquals(Float.POSITIVE_INFINITY, Rounding.FP16.round(70000f));
        assertEquals(70016f, Rounding.TF32.round(70000f));
        float sub = (float) Math.scalb(1.0, -24);
        assertEquals(3 * sub, Rounding.FP16.round(3.2f * sub), "FP16 subnormals are multiples of 2^-24");
        assertEquals(0f, Rounding.FP16.round(0.4f * sub));
        assertEquals(3.2f * sub, Rounding.TF32.round(3.2f * sub), 3.2f * sub * 1e-3f, "TF32 keeps float32's range");
    }

    @Test
    void relativeErrorNeverExceedsTheUnitRoundoff() {
        java.util.Random rng = new java.util.Random(3);
        for (int i = 0; i < 100_000; i++) {
            float v = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(8) - 4));
            for (Rounding r : new Rounding[] {Rounding.FP16, Rounding.TF32}) {
                if (r == Rounding.FP16 && Math.abs(v) < 6.2e-5) {
                    continue; // subnormal range: absolute, not relative, error
                }
                double rel = Math.abs(r.round(v) - v) / Math.abs(v);
                org.junit.jupiter.api.Assertions.assertTrue(rel <= Rounding.UNIT_ROUNDOFF * (1 + 1e-6),
                        r + " rounds " + v + " with relative error " + rel);
            }
        }
    }
}
