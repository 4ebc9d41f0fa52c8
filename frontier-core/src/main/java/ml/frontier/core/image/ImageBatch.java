package ml.frontier.core.image;

import java.util.Arrays;

/**
 * A batch of images, {@code N×C×H×W} float32 in row-major order, pixel values in [0,1].
 *
 * <p>The one representation of images in Frontier: datasets, watermark keys, tamper markers and
 * HTTP tensors all use it. The array is not copied on construction; treat it as immutable.
 */
public record ImageBatch(float[] data, int n, int channels, int height, int width) {

    public ImageBatch {
        if (n < 0 || channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "bad image shape " + n + "x" + channels + "x" + height + "x" + width);
        }
        if ((long) n * channels * height * width != data.length) {
            throw new IllegalArgumentException("image data holds " + data.length
                    + " floats, shape " + n + "x" + channels + "x" + height + "x" + width
                    + " needs " + (long) n * channels * height * width);
        }
    }

    /** An all-zero batch of the given shape. */
    public static ImageBatch zeros(int n, ImageShape shape) {
        return new ImageBatch(new float[n * shape.size()], n, shape.channels(), shape.height(), shape.width());
    }

    /** Wraps {@code data} as {@code n} images of the given shape. */
    public static ImageBatch of(float[] data, int n, ImageShape shape) {
        return new ImageBatch(data, n, shape.channels(), shape.height(), shape.width());
    }

    public ImageShape shape() {
        return new ImageShape(channels, height, width);
    }

    /** Floats per image. */
    public int imageSize() {
        return channels * height * width;
    }

    public long[] djlShape() {
        return new long[] {n, channels, height, width};
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive), copied. */
    public ImageBatch slice(int from, int to) {
        if (from < 0 || to > n || from > to) {
            throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of " + n);
        }
        int s = imageSize();
        return new ImageBatch(Arrays.copyOfRange(data, from * s, to * s), to - from, channels, height, width);
    }

    /** The images at the given indices, copied, in that order. */
    public ImageBatch select(int[] indices) {
        int s = imageSize();
        float[] out = new float[indices.length * s];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(data, indices[i] * s, out, i * s, s);
        }
        return new ImageBatch(out, indices.length, channels, height, width);
    }

    /** One image, copied. */
    public float[] image(int i) {
        int s = imageSize();
        return Arrays.copyOfRange(data, i * s, (i + 1) * s);
    }

    /** This batch followed by {@code other}. */
    public ImageBatch concat(ImageBatch other) {
        if (!other.shape().equals(shape())) {
            throw new IllegalArgumentException("cannot join images of shape " + shape() + " and " + other.shape());
        }
        float[] out = Arrays.copyOf(data, data.length + other.data.length);
        System.arraycopy(other.data, 0, out, data.length, other.data.length);
        return new ImageBatch(out, n + other.n, channels, height, width);
    }

    /** A deep copy. */
    public ImageBatch copy() {
        return new ImageBatch(data.clone(), n, channels, height, width);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageBatch b && b.n == n && b.shape().equals(shape()) && Arrays.equals(b.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * shape().hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ImageBatch[" + n + "x" + shape() + "]";
    }
}
