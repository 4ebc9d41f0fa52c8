package ml.frontier.gan.train;

import java.util.Random;

/**
 * The generator's input for one batch: noise {@code z} ({@code n × latentSize}, N(0,1)) and the
 * class of each sample.
 */
public record Latent(float[] z, int[] labels, int latentSize) {

    public Latent {
        if (latentSize <= 0 || z.length != labels.length * latentSize) {
            throw new IllegalArgumentException("noise of " + z.length + " floats does not fit " + labels.length
                    + " samples of latent size " + latentSize);
        }
    }

    public int n() {
        return labels.length;
    }

    /** {@code n} samples drawn from {@code rng}: Gaussian noise and uniform classes. */
    public static Latent sample(Random rng, int n, int latentSize, int numClasses) {
        float[] z = new float[n * latentSize];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) rng.nextGaussian();
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(numClasses);
        }
        return new Latent(z, y, latentSize);
    }

    /** {@code n} samples with classes 0,1,2,… in turn (for sample grids: one column per class). */
    public static Latent balanced(Random rng, int n, int latentSize, int numClasses) {
        Latent l = sample(rng, n, latentSize, numClasses);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % numClasses;
        }
        return new Latent(l.z(), y, latentSize);
    }
}
