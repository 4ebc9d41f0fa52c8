package ml.frontier.cli.fuzz;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

/**
 * Damaged copies of a valid file, the ways files get damaged: cut short, bits flipped, a length
 * or count in a header replaced by a wrong one (0, -1, huge, off by one), bytes inserted or lost.
 */
final class Mutations {

    /** What each mutation did, for the report. */
    enum Kind { TRUNCATE, BIT_FLIPS, HEADER_INT, ANY_INT, SPLICE }

    private final byte[] valid;
    private final Random rng;
    private final int headerBytes;

    /** {@code headerBytes}: how far into the file the lengths and counts sit (more mutations go there). */
    Mutations(byte[] valid, long seed, int headerBytes) {
        this.valid = valid;
        this.rng = new Random(seed);
        this.headerBytes = Math.max(4, Math.min(headerBytes, valid.length));
    }

    Kind kind(int i) {
        return Kind.values()[i % Kind.values().length];
    }

    /** The {@code i}-th damaged copy (deterministic for a seed). */
    byte[] mutate(int i) {
        byte[] b;
        switch (kind(i)) {
            case TRUNCATE -> b = Arrays.copyOf(valid, rng.nextInt(valid.length));
            case BIT_FLIPS -> {
                b = valid.clone();
                int flips = 1 + rng.nextInt(8);
                for (int f = 0; f < flips; f++) {
                    // half the flips land in the header, where a flipped bit changes a length
                    int at = rng.nextBoolean() ? rng.nextInt(headerBytes) : rng.nextInt(b.length);
                    b[at] ^= (byte) (1 << rng.nextInt(8));
                }
            }
            case HEADER_INT -> b = putInt(valid.clone(), rng.nextInt(Math.max(1, headerBytes - 3)));
            case ANY_INT -> b = putInt(valid.clone(), rng.nextInt(Math.max(1, valid.length - 3)));
            default -> {
                int at = rng.nextInt(valid.length);
                int len = 1 + rng.nextInt(Math.min(64, valid.length - at));
                if (rng.nextBoolean()) { // lose len bytes
                    b = new byte[valid.length - len];
                    System.arraycopy(valid, 0, b, 0, at);
                    System.arraycopy(valid, at + len, b, at, valid.length - at - len);
                } else { // gain len random bytes
                    byte[] extra = new byte[len];
                    rng.nextBytes(extra);
                    b = new byte[valid.length + len];
                    System.arraycopy(valid, 0, b, 0, at);
                    System.arraycopy(extra, 0, b, at, len);
                    System.arraycopy(valid, at, b, at + len, valid.length - at);
                }
            }
        }
        return b;
    }

    /** Overwrites 4 bytes with a value a bad writer or a flipped sign would leave, either byte order. */
    private byte[] putInt(byte[] b, int at) {
        int[] wrong = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7fff0000, readInt(b, at) + 1, readInt(b, at) - 1,
                rng.nextInt()};
        int v = wrong[rng.nextInt(wrong.length)];
        ByteBuffer buf = ByteBuffer.wrap(b, at, 4);
        if (rng.nextBoolean()) {
            buf.order(java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        buf.putInt(v);
        return b;
    }

    private static int readInt(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 4).getInt();
    }
}
