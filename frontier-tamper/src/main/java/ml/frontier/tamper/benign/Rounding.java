package ml.frontier.tamper.benign;

/**
 * Reduced-precision number formats, simulated on the CPU by rounding float32 values to nearest
 * (ties to even). FP16 and TF32 both keep 10 mantissa bits (unit roundoff 2⁻¹¹); FP16 also has a
 * narrow exponent range (largest 65504, subnormals below 2⁻¹⁴). BF16 keeps 7 (unit roundoff 2⁻⁸):
 * eight times coarser, beyond what the default margin floor promises.
 */
public enum Rounding {
    FP16, TF32, BF16;

    /** Unit roundoff of FP16 and TF32: half the distance between 1 and the next number. */
    public static final double UNIT_ROUNDOFF = Math.scalb(1.0, -11);

    private static final float FP16_MAX = 65504f;
    private static final float FP16_MIN_NORMAL = (float) Math.scalb(1.0, -14);
    private static final float FP16_SUBNORMAL_STEP = (float) Math.scalb(1.0, -24);

    /** {@code v} rounded to this format (and back to float32). */
    public float round(float v) {
        if (!Float.isFinite(v)) {
            return v;
        }
        if (this == FP16) {
            if (Math.abs(v) < FP16_MIN_NORMAL) {
                return (float) (Math.rint(v / FP16_SUBNORMAL_STEP) * FP16_SUBNORMAL_STEP);
            }
            float r = roundMantissa(v, 10);
            return Math.abs(r) > FP16_MAX ? Math.copySign(Float.POSITIVE_INFINITY, v) : r;
        }
        return roundMantissa(v, this == BF16 ? 7 : 10);
    }

    /** Every value of {@code values} rounded, in place. */
    public float[] roundAll(float[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = round(values[i]);
        }
        return values;
    }

    /** Rounds to {@code bits} mantissa bits, to nearest, ties to even (a carry may raise the exponent). */
    static float roundMantissa(float v, int bits) {
        int shift = 23 - bits;
        int b = Float.floatToRawIntBits(v);
        int lsb = (b >>> shift) & 1;
        b += (1 << (shift - 1)) - 1 + lsb;
        return Float.intBitsToFloat(b & ~((1 << shift) - 1));
    }
}
