package ml.frontier.gan.nets;

import java.util.Random;

/**
 * Class conditioning of the generator without parameters: the generator's input is
 * {@code z + c_y}, the noise plus a fixed code for class y. The codes are drawn once from
 * N(0, 1) with a fixed seed, so every server, worker and process uses the same ones, and G keeps
 * the paper's parameter count (a learned embedding would add 10·100 parameters).
 */
public final class ClassCode {

    private static final long CODE_SEED = 0x4D44_47414EL;

    private final float[][] codes;

    public ClassCode(int numClasses, int latentSize) {
        Random r = new Random(CODE_SEED);
        codes = new float[numClasses][latentSize];
        for (float[] c : codes) {
            for (int i = 0; i < c.length; i++) {
                c[i] = (float) r.nextGaussian() * Float.parseFloat(System.getProperty("gan.cscale", "1"));
            }
        }
    }

    public int width() {
        return System.getProperty("gan.cond", "add").equals("concat") ? codes[0].length + codes.length : codes[0].length;
    }

    /** The generator input for noise {@code z} ({@code n × latent}) and labels {@code y}. */
    public float[] condition(float[] z, int[] y) {
        int latent = codes[0].length;
        if (z.length != y.length * latent) {
            throw new IllegalArgumentException("noise of " + z.length + " floats for " + y.length + " labels of latent size " + latent);
        }
        float[] out = new float[z.length];
        String mode = System.getProperty("gan.cond", "add");
        if (mode.equals("concat")) {
            int k = codes.length, w = latent + k;
            float[] o = new float[y.length * w];
            float sc = Float.parseFloat(System.getProperty("gan.hot", "1"));
            for (int i = 0; i < y.length; i++) {
                System.arraycopy(z, i * latent, o, i * w, latent);
                o[i * w + latent + y[i]] = sc;
            }
            return o;
        }
        if (mode.equals("onehot")) {
            System.arraycopy(z, 0, out, 0, z.length);
            int k = codes.length;
            for (int i = 0; i < y.length; i++) {
                for (int j = 0; j < k; j++) out[i * latent + j] = j == y[i] ? 1f : 0f;
            }
            return out;
        }
        if (mode.equals("onehot5")) {
            System.arraycopy(z, 0, out, 0, z.length);
            int k = codes.length;
            for (int i = 0; i < y.length; i++) {
                for (int j = 0; j < k; j++) out[i * latent + j] = j == y[i] ? 5f : 0f;
            }
            return out;
        }
        if (mode.equals("mul")) {
            for (int i = 0; i < y.length; i++) for (int j = 0; j < latent; j++) out[i*latent+j] = z[i*latent+j] * codes[y[i]][j];
            return out;
        }
        if (mode.equals("none")) {
            System.arraycopy(z, 0, out, 0, z.length);
            return out;
        }
        for (int i = 0; i < y.length; i++) {
            float[] c = codes[y[i]];
            for (int j = 0; j < latent; j++) {
                out[i * latent + j] = z[i * latent + j] + c[j];
            }
        }
        return out;
    }
}
