package ml.frontier.gan.transport;

/**
 * A message between MD-GAN or FL-GAN roles: a plain record of {@code int}, {@code long},
 * {@code int[]}, {@code float[]} and {@code float[][]} fields, so that any wire format can carry
 * it.
 *
 * <p>Cost accounting counts the payload: the floats and ints of the arrays, 4 bytes each.
 * Scalar header fields (ids, iteration numbers, step counts) and framing are not counted.
 */
public interface Message {

    /** Floats in the message's arrays. */
    long payloadFloats();

    /** Ints in the message's arrays (labels, shapes). */
    long payloadInts();

    /** Payload bytes: 4 per float and per int. */
    default long payloadBytes() {
        return 4 * (payloadFloats() + payloadInts());
    }

    static long count(float[][] arrays) {
        long n = 0;
        for (float[] a : arrays) {
            n += a.length;
        }
        return n;
    }
}
