package ml.frontier.attack.trojan;

import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * A square trigger patch of {@code size × size} pixels whose top-left corner is at column
 * {@code x}, row {@code y}; {@code x} or {@code y} equal to {@link #CORNER} places the patch against
 * the right or bottom edge of the image.
 *
 * <pre>{@code
 * Trigger t = Trigger.corner(4, TriggerPattern.SQUARE, 1);   // 4×4 white square, bottom right
 * ImageBatch stamped = t.stamp(images);
 * }</pre>
 *
 * @param seed fixes the {@link TriggerPattern#RANDOM} pattern (ignored by the others)
 */
public record Trigger(int size, int x, int y, TriggerPattern pattern, long seed) {

    /** Position value meaning "against the right (x) or bottom (y) edge". */
    public static final int CORNER = -1;

    public Trigger {
        Objects.requireNonNull(pattern, "pattern");
        if (size <= 0) {
            throw new IllegalArgumentException("trigger size must be positive, got " + size);
        }
        if (x < CORNER || y < CORNER) {
            throw new IllegalArgumentException("trigger position must be >= 0 (or CORNER), got (" + x + "," + y + ")");
        }
    }

    /** A trigger in the bottom-right corner. */
    public static Trigger corner(int size, TriggerPattern pattern, long seed) {
        return new Trigger(size, CORNER, CORNER, pattern, seed);
    }

    /** A trigger with its top-left corner at column {@code x}, row {@code y}. */
    public static Trigger at(int size, int x, int y, TriggerPattern pattern, long seed) {
        return new Trigger(size, x, y, pattern, seed);
    }

    /** Throws {@link IllegalArgumentException} when the patch does not fit inside {@code shape}. */
    public void checkFits(ImageShape shape) {
        if (size > shape.width() || size > shape.height()) {
            throw new IllegalArgumentException("trigger of size " + size + " is larger than the " + shape.height()
                    + "x" + shape.width() + " image");
        }
        if (left(shape) + size > shape.width() || top(shape) + size > shape.height()) {
            throw new IllegalArgumentException("trigger of size " + size + " at (" + x + "," + y + ") does not fit in the "
                    + shape.height() + "x" + shape.width() + " image");
        }
    }

    /** The patch's left column in an image of this shape. */
    public int left(ImageShape shape) {
        return x == CORNER ? shape.width() - size : x;
    }

    /** The patch's top row in an image of this shape. */
    public int top(ImageShape shape) {
        return y == CORNER ? shape.height() - size : y;
    }

    /** The patch's pixels, {@code channels × size × size}, values 0 or 1. */
    public float[] patch(int channels) {
        float[] p = new float[channels * size * size];
        Random rng = new Random(seed);
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < size; r++) {
                for (int col = 0; col < size; col++) {
                    float v = switch (pattern) {
                        case SQUARE -> 1f;
                        case CHECKER -> (r + col) % 2 == 0 ? 1f : 0f;
                        case RANDOM -> rng.nextBoolean() ? 1f : 0f;
                    };
                    p[(c * size + r) * size + col] = v;
                }
            }
        }
        return p;
    }

    /** A copy of {@code images} with the patch stamped on every image. */
    public ImageBatch stamp(ImageBatch images) {
        ImageShape shape = images.shape();
        checkFits(shape);
        float[] data = images.data().clone();
        float[] p = patch(shape.channels());
        int left = left(shape), top = top(shape);
        int hw = shape.height() * shape.width();
        for (int i = 0; i < images.n(); i++) {
            int base = i * images.imageSize();
            for (int c = 0; c < shape.channels(); c++) {
                for (int r = 0; r < size; r++) {
                    System.arraycopy(p, (c * size + r) * size, data, base + c * hw + (top + r) * shape.width() + left, size);
                }
            }
        }
        return ImageBatch.of(data, images.n(), shape);
    }

    /** Parameters for reports. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", size);
        m.put("x", x == CORNER ? "right" : x);
        m.put("y", y == CORNER ? "bottom" : y);
        m.put("pattern", pattern.toString());
        m.put("patternSeed", seed);
        return m;
    }
}
