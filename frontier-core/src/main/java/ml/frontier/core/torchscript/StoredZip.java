package ml.frontier.core.torchscript;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the entries of a TorchScript archive in memory. libtorch writes stored entries with data
 * descriptors, which {@link java.util.zip.ZipInputStream} refuses; the central directory says
 * where each one is (stored or deflated).
 */
final class StoredZip {

    private static final int END = 0x06054b50, CENTRAL = 0x02014b50, LOCAL = 0x04034b50;

    private StoredZip() {}

    /** Entry name → content, in the archive's order; fails on anything but a stored zip. */
    static Map<String, byte[]> entries(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = -1;
        for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
            if (b.getInt(i) == END) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new IllegalArgumentException("not a zip archive (no end of central directory)");
        }
        int count = Short.toUnsignedInt(b.getShort(end + 10));
        int at = b.getInt(end + 16);
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int k = 0; k < count; k++) {
            check(at >= 0 && at + 46 <= zip.length && b.getInt(at) == CENTRAL, "damaged central directory");
            int method = Short.toUnsignedInt(b.getShort(at + 10));
            long size = Integer.toUnsignedLong(b.getInt(at + 20));
            long unpacked = Integer.toUnsignedLong(b.getInt(at + 24));
            int nameLength = Short.toUnsignedInt(b.getShort(at + 28));
            int extra = Short.toUnsignedInt(b.getShort(at + 30));
            int comment = Short.toUnsignedInt(b.getShort(at + 32));
            int local = b.getInt(at + 42);
            String name = new String(zip, at + 46, nameLength, StandardCharsets.UTF_8);
            check(method == 0 || method == 8, "entry " + name + " uses compression method " + method);
            check(local >= 0 && local + 30 <= zip.length && b.getInt(local) == LOCAL, "damaged entry " + name);
            long data = local + 30L + Short.toUnsignedInt(b.getShort(local + 26)) + Short.toUnsignedInt(b.getShort(local + 28));
            check(data + size <= zip.length, "truncated entry " + name);
            byte[] raw = Arrays.copyOfRange(zip, (int) data, (int) (data + size));
            out.put(name, method == 0 ? raw : inflate(raw, unpacked, name));
            at += 46 + nameLength + extra + comment;
        }
        return out;
    }

    private static byte[] inflate(byte[] raw, long size, String name) {
        check(size <= Integer.MAX_VALUE - 8, "entry " + name + " is too large");
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(raw);
            byte[] out = new byte[(int) size];
            int n = inflater.inflate(out);
            check(n == size, "entry " + name + " inflates to " + n + " of " + size + " bytes");
            return out;
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not a readable TorchScript archive: entry " + name + " (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("not a readable TorchScript archive: " + what);
        }
    }
}
