package ml.frontier.core.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a model expects in place of Frontier's {@code N×C×H×W} images in {@code [0,1]}: per-channel
 * normalisation {@code (x - mean[c]) / std[c]} and the layout of the tensor ({@code NCHW} or
 * {@code NHWC}).
 *
 * <p>Keys and markers stay images in {@code [0,1]}; the transform is applied on the way into the
 * model, the same way for a model held here (inside the differentiable forward pass) and for a
 * remote one (before the request), and is recorded in key and marker files ({@link #asMap()}) so
 * a later check applies it again.
 *
 * @param mean one value, or one per channel
 * @param std one positive value, or one per channel
 * @param layout the layout of the model's input tensor
 */
public record Preprocessing(float[] mean, float[] std, Layout layout) {

    /** The layout of a model's input tensor. */
    public enum Layout { NCHW, NHWC }

    private static final Preprocessing NONE = new Preprocessing(new float[] {0f}, new float[] {1f}, Layout.NCHW);

    public Preprocessing {
        mean = mean.clone();
        std = std.clone();
        if (mean.length == 0 || std.length == 0) {
            throw new IllegalArgumentException("normalisation needs at least one mean and one std value");
        }
        for (float s : std) {
            if (!(s > 0) || Float.isInfinite(s)) {
                throw new IllegalArgumentException("normalisation std values must be positive, got " + Arrays.toString(std));
            }
        }
        for (float m : mean) {
            if (!Float.isFinite(m)) {
                throw new IllegalArgumentException("normalisation mean values must be finite, got " + Arrays.toString(mean));
            }
        }
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** The identity: {@code [0,1]} images, NCHW. */
    public static Preprocessing none() {
        return NONE;
    }

    /**
     * Parses the command-line form: comma-separated means and stds (either may be null for
     * 0 / 1) and a layout name (null for NCHW).
     */
    public static Preprocessing parse(String mean, String std, String layout) {
        Layout l = layout == null ? Layout.NCHW : parseLayout(layout);
        return new Preprocessing(mean == null ? new float[] {0f} : floats(mean, "--mean"),
                std == null ? new float[] {1f} : floats(std, "--std"), l);
    }

    private static Layout parseLayout(String s) {
        try {
            return Layout.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layout must be NCHW or NHWC, got '" + s + "'");
        }
    }

    private static float[] floats(String s, String what) {
        String[] parts = s.split(",");
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Float.parseFloat(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " takes comma-separated numbers, got '" + s + "'");
            }
        }
        return out;
    }

    public boolean isIdentity() {
        return layout == Layout.NCHW && allEqual(mean, 0f) && allEqual(std, 1f);
    }

    private static boolean allEqual(float[] v, float x) {
        for (float f : v) {
            if (f != x) {
                return false;
            }
        }
        return true;
    }

    /** Fails unless there is one value, or one per channel of {@code image}. */
    public void check(ImageShape image) {
        if (mean.length != 1 && mean.length != image.channels() || std.length != 1 && std.length != image.channels()) {
            throw new IllegalArgumentException("normalisation has " + mean.length + " mean and " + std.length
                    + " std values; images of shape " + image + " need 1 or " + image.channels());
        }
    }

    /** The shape of the model's input tensor for one image, as {@code [C,H,W]} or {@code [H,W,C]}. */
    public long[] tensorShape(ImageShape image) {
        return layout == Layout.NCHW ? new long[] {image.channels(), image.height(), image.width()}
                : new long[] {image.height(), image.width(), image.channels()};
    }

    /** The image shape behind a model input of shape {@code dims} (three values, in this layout). */
    public ImageShape imageShape(long[] dims) {
        if (dims.length != 3) {
            throw new IllegalArgumentException("an image input has 3 dimensions besides the batch, got " + Arrays.toString(dims));
        }
        return layout == Layout.NCHW ? new ImageShape((int) dims[0], (int) dims[1], (int) dims[2])
                : new ImageShape((int) dims[2], (int) dims[0], (int) dims[1]);
    }

    /**
     * The model's input for {@code images} as a batch whose "image shape" is the tensor shape
     * ({@link #tensorShape}): what goes on the wire or into a black-box runtime.
     */
    public ImageBatch apply(ImageBatch images) {
        long[] t = tensorShape(images.shape());
        return isIdentity() ? images : ImageBatch.of(applyFloats(images), images.n(), new ImageShape((int) t[0], (int) t[1], (int) t[2]));
    }

    private float[] applyFloats(ImageBatch images) {
        check(images.shape());
        int c = images.channels(), hw = images.height() * images.width();
        float[] in = images.data();
        float[] out = new float[in.length];
        for (int n = 0; n < images.n(); n++) {
            int base = n * c * hw;
            for (int ch = 0; ch < c; ch++) {
                float m = mean[mean.length == 1 ? 0 : ch];
                float s = std[std.length == 1 ? 0 : ch];
                for (int p = 0; p < hw; p++) {
                    float v = (in[base + ch * hw + p] - m) / s;
                    out[layout == Layout.NCHW ? base + ch * hw + p : base + p * c + ch] = v;
                }
            }
        }
        return out;
    }

    /** The same transform on an {@code N×C×H×W} array, differentiable (for input gradients). */
    public NDArray apply(NDArray images) {
        if (isIdentity()) {
            return images;
        }
        long c = images.getShape().get(1);
        NDArray m = images.getManager().create(perChannel(mean, c), new Shape(1, c, 1, 1));
        NDArray s = images.getManager().create(perChannel(std, c), new Shape(1, c, 1, 1));
        NDArray x = images.sub(m).div(s);
        return layout == Layout.NCHW ? x : x.transpose(0, 2, 3, 1);
    }

    private static float[] perChannel(float[] v, long c) {
        if (v.length == c) {
            return v;
        }
        if (v.length != 1) {
            throw new IllegalArgumentException("normalisation has " + v.length + " values for " + c + " channels");
        }
        float[] out = new float[(int) c];
        Arrays.fill(out, v[0]);
        return out;
    }

    /** For key and marker files: {@code {"mean": [...], "std": [...], "layout": "NHWC"}}. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", toList(mean));
        m.put("std", toList(std));
        m.put("layout", layout.name());
        return m;
    }

    /** Reads {@link #asMap()}'s form back; null or empty gives {@link #none()}. */
    public static Preprocessing fromMap(Map<String, ?> m) {
        if (m == null || m.isEmpty()) {
            return none();
        }
        Object layout = m.get("layout");
        return new Preprocessing(toFloats(m.get("mean"), 0f), toFloats(m.get("std"), 1f),
                layout == null ? Layout.NCHW : parseLayout(layout.toString()));
    }

    private static List<Double> toList(float[] v) {
        List<Double> out = new ArrayList<>();
        for (float f : v) {
            out.add(Double.parseDouble(Float.toString(f)));
        }
        return out;
    }

    private static float[] toFloats(Object o, float absent) {
        if (o == null) {
            return new float[] {absent};
        }
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException("normalisation values must be a list of numbers, got " + o);
        }
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Number n)) {
                throw new IllegalArgumentException("normalisation values must be numbers, got " + l.get(i));
            }
            out[i] = n.floatValue();
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p && Arrays.equals(mean, p.mean) && Arrays.equals(std, p.std) && layout == p.layout;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(mean) + Arrays.hashCode(std)) + layout.hashCode();
    }

    @Override
    public String toString() {
        return isIdentity() ? "none" : "mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std) + ", " + layout;
    }
}
