package ml.frontier.gan.transport;

/**
 * Server → worker, each MD-GAN iteration: the batch X_n^(d) to train D on and the batch X_n^(g)
 * to compute feedback on, {@code b} samples each with their classes.
 *
 * @param shape {@code {b, C, H, W}} of each batch
 * @param xd X_n^(d), {@code b·C·H·W} floats in [0,1]
 * @param yd the classes the samples of X_n^(d) were generated for
 * @param xg X_n^(g)
 * @param yg the classes of X_n^(g)
 */
public record GeneratedBatches(int workerId, long iteration, int[] shape, float[] xd, int[] yd, float[] xg, int[] yg)
        implements Message {

    public GeneratedBatches {
        if (shape.length != 4) {
            throw new IllegalArgumentException("batch shape must be {b, C, H, W}, got " + shape.length + " dimensions");
        }
        long size = (long) shape[0] * shape[1] * shape[2] * shape[3];
        if (xd.length != size || xg.length != size || yd.length != shape[0] || yg.length != shape[0]) {
            throw new IllegalArgumentException("generated batches do not match their shape " + java.util.Arrays.toString(shape));
        }
    }

    public int batchSize() {
        return shape[0];
    }

    @Override
    public long payloadFloats() {
        return xd.length + (long) xg.length;
    }

    @Override
    public long payloadInts() {
        return yd.length + (long) yg.length;
    }
}
