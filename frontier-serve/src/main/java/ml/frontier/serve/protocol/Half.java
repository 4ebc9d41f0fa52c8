package ml.frontier.serve.protocol;

/**
 * IEEE 754 half precision (FP16) conversions, since {@code Float.float16ToFloat} arrived only in
 * Java 20. Rounds to nearest even; overflow becomes infinity, tiny values subnormals or zero.
 */
public final class Half {

    private Half() {}

    /** The float a half's bits stand for. */
    public static float toFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            // subnormal or zero: mant · 2^-24
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** The half nearest to {@code f}. */
    public static short fromFloat(float f) {
        int x = Float.floatToRawIntBits(f);
        int sign = (x >>> 16) & 0x8000;
        int exp = (x >>> 23) & 0xff;
        int mant = x & 0x7fffff;
        if (exp == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            int m = (mant | 0x800000) >> (1 - e);
            // round half to even on the 13 dropped bits
            if ((m & 0x1fff) > 0x1000 || ((m & 0x1fff) == 0x1000 && (m & 0x2000) != 0)) {
                m += 0x2000;
            }
            return (short) (sign | (m >> 13));
        }
        int h = sign | (e << 10) | (mant >> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (h & 1) != 0)) {
            h++;
        }
        return (short) h;
    }

    /** {@code f} rounded to half precision and back. */
    public static float round(float f) {
        return toFloat(fromFloat(f));
    }
}
