package ml.frontier.serve.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Raw tensor contents as the binary extension and gRPC's {@code raw_*_contents} carry them:
 * elements little-endian, row-major, no padding.
 */
public final class TensorBytes {

    private TensorBytes() {}

    /** {@code values} as {@code datatype} elements (integers are rounded, FP16 rounded to nearest). */
    public static byte[] encode(String datatype, float[] values) {
        ByteBuffer b = allocate(datatype, values.length);
        for (float v : values) {
            switch (datatype) {
                case Datatypes.FP32 -> b.putFloat(v);
                case Datatypes.FP16 -> b.putShort(Half.fromFloat(v));
                case Datatypes.FP64 -> b.putDouble(v);
                case Datatypes.UINT8 -> b.put((byte) Math.round(v));
                case Datatypes.INT32 -> b.putInt(Math.round(v));
                case Datatypes.INT64 -> b.putLong(Math.round(v));
                default -> throw unsupported(datatype);
            }
        }
        return b.array();
    }

    /** Labels as INT64 or INT32 elements. */
    public static byte[] encode(String datatype, int[] values) {
        ByteBuffer b = allocate(datatype, values.length);
        for (int v : values) {
            switch (datatype) {
                case Datatypes.INT64 -> b.putLong(v);
                case Datatypes.INT32 -> b.putInt(v);
                default -> throw unsupported(datatype);
            }
        }
        return b.array();
    }

    /**
     * The elements of {@code bytes[offset, offset+length)} as floats. The caller has checked that
     * {@code length} is a whole number of elements.
     */
    public static float[] decodeFloats(String datatype, byte[] bytes, int offset, int length) {
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        int size = Datatypes.elementSize(datatype);
        float[] out = new float[length / size];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (datatype) {
                case Datatypes.FP32 -> b.getFloat();
                case Datatypes.FP16 -> Half.toFloat(b.getShort());
                case Datatypes.FP64 -> (float) b.getDouble();
                case Datatypes.UINT8 -> b.get() & 0xff;
                case Datatypes.INT32 -> b.getInt();
                case Datatypes.INT64 -> b.getLong();
                default -> throw unsupported(datatype);
            };
        }
        return out;
    }

    /** Like {@link #decodeFloats} but in double precision, for outputs of any numeric datatype. */
    public static double[] decodeDoubles(String datatype, byte[] bytes, int offset, int length) {
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        int size = Datatypes.elementSize(datatype);
        double[] out = new double[length / size];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (datatype) {
                case Datatypes.FP32 -> b.getFloat();
                case Datatypes.FP16 -> Half.toFloat(b.getShort());
                case "BF16" -> Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
                case Datatypes.FP64 -> b.getDouble();
                case Datatypes.UINT8 -> b.get() & 0xff;
                case "INT8" -> b.get();
                case "INT16" -> b.getShort();
                case "UINT16" -> b.getShort() & 0xffff;
                case Datatypes.INT32 -> b.getInt();
                case "UINT32" -> b.getInt() & 0xffffffffL;
                case Datatypes.INT64, "UINT64" -> b.getLong();
                default -> throw unsupported(datatype);
            };
        }
        return out;
    }

    private static ByteBuffer allocate(String datatype, int n) {
        int size = Datatypes.elementSize(datatype);
        if (size < 0) {
            throw unsupported(datatype);
        }
        return ByteBuffer.allocate(Math.multiplyExact(n, size)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static IllegalArgumentException unsupported(String datatype) {
        return new IllegalArgumentException("datatype " + datatype + " is not supported here");
    }
}
