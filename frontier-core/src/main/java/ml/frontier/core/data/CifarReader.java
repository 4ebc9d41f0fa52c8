package ml.frontier.core.data;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;

/**
 * Reads the CIFAR-10 binary format: records of one label byte then 3×32×32 pixel bytes
 * (red plane, green plane, blue plane), 10,000 records per {@code data_batch_*.bin}.
 */
public final class CifarReader {

    static final int RECORD = 1 + 3 * 32 * 32;

    private CifarReader() {}

    public static Dataset read(byte[] file, String name) throws FrontierException {
        byte[] b = IdxReader.maybeGunzip(file, name);
        if (b.length == 0 || b.length % RECORD != 0) {
            throw new FrontierException(name + ": " + b.length + " bytes is not a whole number of CIFAR-10 records of "
                    + RECORD + " bytes (truncated or not CIFAR-10 binary)");
        }
        int n = b.length / RECORD;
        int[] labels = new int[n];
        float[] data = new float[n * (RECORD - 1)];
        for (int i = 0; i < n; i++) {
            int label = b[i * RECORD] & 0xff;
            if (label > 9) {
                throw new FrontierException(name + ": record " + i + " has label " + label + " (CIFAR-10 labels are 0-9)");
            }
            labels[i] = label;
            for (int p = 0; p < RECORD - 1; p++) {
                data[i * (RECORD - 1) + p] = (b[i * RECORD + 1 + p] & 0xff) / 255f;
            }
        }
        return new Dataset(name, ImageBatch.of(data, n, ImageShape.CIFAR), labels, 10);
    }
}
