package ml.frontier.watermark;

import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.io.Hashing;
import ml.frontier.watermark.stats.BinomialThreshold;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A frontier-stitching key: {@code k} adversarial images with their ORIGINAL labels, half true
 * adversaries (the source model misclassified them) and half false ones (still classified
 * correctly).
 *
 * @param images the key images, {@code k×C×H×W} in [0,1]
 * @param labels the original label of each key image
 * @param trueAdversary per image: true for a true adversary, false for a false one
 * @param epsilon the FGSM step that made them
 * @param p the significance level the owner chose for verification
 * @param provenance where the key comes from and which model it marks
 */
public record WatermarkKey(ImageBatch images, int[] labels, boolean[] trueAdversary, float epsilon, double p,
                           KeyProvenance provenance) {

    public WatermarkKey {
        if (images.n() == 0) {
            throw new IllegalArgumentException("a watermark key needs at least one image");
        }
        if (labels.length != images.n() || trueAdversary.length != images.n()) {
            throw new IllegalArgumentException("a watermark key of " + images.n() + " images has " + labels.length
                    + " labels and " + trueAdversary.length + " kinds");
        }
        if (!(epsilon > 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("key epsilon must be in (0,1], got " + epsilon);
        }
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("key p must be in (0,1), got " + p);
        }
        labels = labels.clone();
        trueAdversary = trueAdversary.clone();
    }

    /** The number of key images. */
    public int size() {
        return labels.length;
    }

    /** The number of true adversaries. */
    public int trueAdversaries() {
        int c = 0;
        for (boolean t : trueAdversary) {
            if (t) {
                c++;
            }
        }
        return c;
    }

    /** θ of the binomial test for this key's size and p. */
    public int threshold() {
        return BinomialThreshold.threshold(size(), p);
    }

    /** Kinds as stored in {@code kinds.npy}: 1 for a true adversary, 0 for a false one. */
    public int[] kinds() {
        int[] k = new int[trueAdversary.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = trueAdversary[i] ? 1 : 0;
        }
        return k;
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public boolean[] trueAdversary() {
        return trueAdversary.clone();
    }

    /** The same key, recorded as marking the model with this parameter hash. */
    public WatermarkKey withMarkedModel(String sha256) {
        return new WatermarkKey(images, labels, trueAdversary, epsilon, p, provenance.withMarkedModel(sha256));
    }

    /** The same key with another significance level. */
    public WatermarkKey withP(double newP) {
        return new WatermarkKey(images, labels, trueAdversary, epsilon, newP, provenance);
    }

    /**
     * The SHA-256 commitment to the key, lower-case hex: the digest of the concatenation of
     * <ol>
     *   <li>the images as little-endian float32, C order ({@code k×C×H×W}),
     *   <li>the labels as little-endian int32,
     *   <li>the kinds (1 true adversary, 0 false) as little-endian int32,
     *   <li>ε as one little-endian float32.
     * </ol>
     * In Python, from a key file's arrays:
     * {@code hashlib.sha256(images.astype('<f4').tobytes() + labels.astype('<i4').tobytes()
     * + kinds.astype('<i4').tobytes() + struct.pack('<f', eps)).hexdigest()}, where {@code eps}
     * is the manifest's {@code eps} (a float32 written as a decimal).
     */
    public String commitment() {
        MessageDigest d = Hashing.sha256();
        Hashing.update(d, images.data());
        Hashing.update(d, labels);
        Hashing.update(d, kinds());
        d.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(epsilon).array());
        return Hashing.hex(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WatermarkKey w && w.images.equals(images) && Arrays.equals(w.labels, labels)
                && Arrays.equals(w.trueAdversary, trueAdversary) && w.epsilon == epsilon && w.p == p
                && w.provenance.equals(provenance);
    }

    @Override
    public int hashCode() {
        return 31 * images.hashCode() + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "WatermarkKey[k=" + size() + ", true=" + trueAdversaries() + ", eps=" + epsilon + ", p=" + p + "]";
    }
}
