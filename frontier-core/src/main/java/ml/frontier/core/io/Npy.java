package ml.frontier.core.io;

import ml.frontier.core.FrontierException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} (format 1.0) for float32 and int32 arrays, little-endian, C order, so a
 * Python user can {@code numpy.load} what Frontier writes.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']+)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** A float32 or int32 array read from a {@code .npy} file. */
    public record Array(String dtype, long[] shape, float[] floats, int[] ints) {
        public long count() {
            return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        }
    }

    public static byte[] writeFloats(float[] data, long... shape) {
        check(data.length, shape);
        ByteBuffer body = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        body.asFloatBuffer().put(data);
        return withHeader("<f4", shape, body.array());
    }

    public static byte[] writeInts(int[] data, long... shape) {
        check(data.length, shape);
        ByteBuffer body = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        body.asIntBuffer().put(data);
        return withHeader("<i4", shape, body.array());
    }

    private static void check(int length, long[] shape) {
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (n != length) {
            throw new IllegalArgumentException("array of " + length + " values does not fit shape " + Arrays.toString(shape));
        }
    }

    private static byte[] withHeader(String descr, long[] shape, byte[] body) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)"
                : "(" + (shape.length == 0 ? "" : dims.substring(0, dims.length() - 2)) + ")";
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(unpadded + pad + body.length);
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write((header.length() >> 8) & 0xff);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Parses a {@code .npy}; {@code name} appears in error messages. */
    public static Array read(byte[] bytes, String name) throws FrontierException {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new FrontierException(name + ": not a .npy array (bad magic number)");
        }
        int major = bytes[6];
        int headerLen;
        int offset;
        if (major == 1) {
            headerLen = (bytes[8] & 0xff) | ((bytes[9] & 0xff) << 8);
            offset = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new FrontierException(name + ": truncated .npy header");
            }
            headerLen = ByteBuffer.wrap(bytes, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            offset = 12;
        } else {
            throw new FrontierException(name + ": unsupported .npy version " + major);
        }
        if (headerLen < 0 || offset + headerLen > bytes.length) {
            throw new FrontierException(name + ": truncated .npy header");
        }
        String header = new String(bytes, offset, headerLen, StandardCharsets.US_ASCII);
        Matcher d = DESCR.matcher(header), o = ORDER.matcher(header), s = SHAPE.matcher(header);
        if (!d.find() || !o.find() || !s.find()) {
            throw new FrontierException(name + ": malformed .npy header");
        }
        if (o.group(1).equals("True")) {
            throw new FrontierException(name + ": Fortran-ordered arrays are not supported");
        }
        long[] shape = Arrays.stream(s.group(1).split(","))
                .map(String::trim).filter(t -> !t.isEmpty()).mapToLong(Long::parseLong).toArray();
        long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        int start = offset + headerLen;
        String descr = d.group(1);
        int width = switch (descr) {
            case "<f4", "<i4" -> 4;
            case "<f8", "<i8" -> 8;
            case "|u1" -> 1;
            default -> throw new FrontierException(name + ": unsupported dtype " + descr
                    + " (float32, float64, int32, int64 and uint8 are)");
        };
        if (count < 0 || count * width != bytes.length - start) {
            throw new FrontierException(name + ": holds " + (bytes.length - start) + " data bytes, shape "
                    + Arrays.toString(shape) + " of " + descr + " needs " + count * width + " (truncated or damaged)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, start, bytes.length - start).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) count;
        switch (descr) {
            case "<f4": {
                float[] f = new float[n];
                buf.asFloatBuffer().get(f);
                return new Array("float32", shape, f, null);
            }
            case "<f8": {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (float) buf.getDouble();
                }
                return new Array("float32", shape, f, null);
            }
            case "<i4": {
                int[] v = new int[n];
                buf.asIntBuffer().get(v);
                return new Array("int32", shape, null, v);
            }
            case "<i8": {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Math.toIntExact(buf.getLong());
                }
                return new Array("int32", shape, null, v);
            }
            default: {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (buf.get() & 0xff) / 255f;
                }
                return new Array("float32", shape, f, null);
            }
        }
    }
}
