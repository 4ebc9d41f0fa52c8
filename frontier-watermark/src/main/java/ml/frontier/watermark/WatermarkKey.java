package ml.frontier.watermark;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.io.Hashing;
import ml.frontier.watermark.stats.BinomialThreshold;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A frontier-stitching key: adversarial images, the label the marked model must give each, and
 * which of them verification counts (see {@link KeyScheme} for why the choice of labels matters).
 *
 * @param scheme how the labels were chosen
 * @param images the key images, {@code n×C×H×W} in [0,1]
 * @param labels the key label of each image (what the marked model answers)
 * @param originalLabels each image's original label {@code y} (its source image's label)
 * @param sourceAnswers the source model's answer {@code a} on each image before stitching
 *        ({@code a ≠ y}: a true adversary; {@code a = y}: a false one; -1 when unknown, as in
 *        keys of the first file format)
 * @param counted per image: counted by verification (false for the coin scheme's anchors)
 * @param epsilon the FGSM step that made them
 * @param p the significance level the owner chose for verification
 * @param provenance where the key comes from and which model it marks
 */
public record WatermarkKey(KeyScheme scheme, ImageBatch images, int[] labels, int[] originalLabels,
                           int[] sourceAnswers, boolean[] counted, float epsilon, double p,
                           KeyProvenance provenance) {

    public WatermarkKey {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(provenance, "provenance");
        int n = images.n();
        if (n == 0) {
            throw new IllegalArgumentException("a watermark key needs at least one image");
        }
        if (labels.length != n || originalLabels.length != n || sourceAnswers.length != n || counted.length != n) {
            throw new IllegalArgumentException("a watermark key of " + n + " images has " + labels.length + " labels, "
                    + originalLabels.length + " original labels, " + sourceAnswers.length + " source answers and "
                    + counted.length + " counted flags");
        }
        if (!(epsilon > 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("key epsilon must be in (0,1], got " + epsilon);
        }
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("key p must be in (0,1), got " + p);
        }
        labels = labels.clone();
        originalLabels = originalLabels.clone();
        sourceAnswers = sourceAnswers.clone();
        counted = counted.clone();
        int c = 0;
        for (boolean b : counted) {
            c += b ? 1 : 0;
        }
        if (c == 0) {
            throw new IllegalArgumentException("a watermark key needs at least one counted image");
        }
    }

    /** All images of the key, counted ones and anchors. */
    public int size() {
        return labels.length;
    }

    /** k: the images verification counts. */
    public int countedSize() {
        int c = 0;
        for (boolean b : counted) {
            c += b ? 1 : 0;
        }
        return c;
    }

    /** Images that only hold the frontier during stitching and are never queried. */
    public int anchors() {
        return size() - countedSize();
    }

    /** Indices of the counted images, in key order. */
    public int[] countedIndices() {
        int[] out = new int[countedSize()];
        for (int i = 0, j = 0; i < counted.length; i++) {
            if (counted[i]) {
                out[j++] = i;
            }
        }
        return out;
    }

    /** True for image {@code i} when the source model misclassified it (a true adversary). */
    public boolean isTrueAdversary(int i) {
        return sourceAnswers[i] != originalLabels[i];
    }

    /** The number of true adversaries. */
    public int trueAdversaries() {
        int c = 0;
        for (int i = 0; i < size(); i++) {
            c += isTrueAdversary(i) ? 1 : 0;
        }
        return c;
    }

    /** Coin scheme: counted images whose coin sent the label back to the original one. */
    public int stitchedBack() {
        int c = 0;
        for (int i = 0; i < size(); i++) {
            c += counted[i] && labels[i] == originalLabels[i] && isTrueAdversary(i) ? 1 : 0;
        }
        return c;
    }

    /** Fails with a clear message when the key's images or labels do not fit {@code model}. */
    public void checkFits(Classifier model) throws FrontierException {
        model.checkShape(images, "the watermark key");
        for (int l : labels) {
            if (l < 0 || l >= model.numClasses()) {
                throw new FrontierException("the watermark key has label " + l + " but " + model.describe()
                        + " has " + model.numClasses() + " classes");
            }
        }
    }

    /** θ of the binomial test for the counted images and this key's p. */
    public int threshold() {
        return BinomialThreshold.threshold(countedSize(), p);
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public int[] originalLabels() {
        return originalLabels.clone();
    }

    @Override
    public int[] sourceAnswers() {
        return sourceAnswers.clone();
    }

    @Override
    public boolean[] counted() {
        return counted.clone();
    }

    /** The same key, recorded as marking the model with this parameter hash. */
    public WatermarkKey withMarkedModel(String sha256) {
        return new WatermarkKey(scheme, images, labels, originalLabels, sourceAnswers, counted, epsilon, p,
                provenance.withMarkedModel(sha256));
    }

    /** The same key with another significance level. */
    public WatermarkKey withP(double newP) {
        return new WatermarkKey(scheme, images, labels, originalLabels, sourceAnswers, counted, epsilon, newP, provenance);
    }

    /**
     * The SHA-256 commitment to the key, lower-case hex: the digest of the concatenation of
     * <ol>
     *   <li>the images as little-endian float32, C order ({@code n×C×H×W}),
     *   <li>the key labels, the original labels, the source answers and the counted flags (1/0),
     *       each as little-endian int32,
     *   <li>ε as one little-endian float32,
     *   <li>the scheme's name in UTF-8 ({@code coin} or {@code paper}).
     * </ol>
     * The coins of a coin key are its labels, so the commitment covers them. In Python, from a
     * key file's arrays: {@code hashlib.sha256(images.astype('<f4').tobytes() +
     * b''.join(a.astype('<i4').tobytes() for a in (labels, original, answers, counted)) +
     * struct.pack('<f', eps) + scheme.encode()).hexdigest()}.
     */
    public String commitment() {
        MessageDigest d = Hashing.sha256();
        Hashing.update(d, images.data());
        Hashing.update(d, labels);
        Hashing.update(d, originalLabels);
        Hashing.update(d, sourceAnswers);
        Hashing.update(d, countedInts());
        d.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(epsilon).array());
        d.update(scheme.id().getBytes(StandardCharsets.UTF_8));
        return Hashing.hex(d);
    }

    /** The counted flags as stored in {@code counted.npy}: 1 counted, 0 anchor. */
    public int[] countedInts() {
        int[] k = new int[counted.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = counted[i] ? 1 : 0;
        }
        return k;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WatermarkKey w && w.scheme == scheme && w.images.equals(images)
                && Arrays.equals(w.labels, labels) && Arrays.equals(w.originalLabels, originalLabels)
                && Arrays.equals(w.sourceAnswers, sourceAnswers) && Arrays.equals(w.counted, counted)
                && w.epsilon == epsilon && w.p == p && w.provenance.equals(provenance);
    }

    @Override
    public int hashCode() {
        return 31 * images.hashCode() + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "WatermarkKey[" + scheme.id() + ", counted=" + countedSize() + ", anchors=" + anchors() + ", eps="
                + epsilon + ", p=" + p + "]";
    }
}
