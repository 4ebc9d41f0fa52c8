package ml.frontier.core.adversarial;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.WhiteBoxClassifier;
import ml.frontier.core.image.ImageBatch;

/**
 * The fast gradient sign method (Goodfellow et al. 2015):
 * {@code x' = clip(x + ε·sign(∇ₓ loss(x, y)), 0, 1)}, computed in batches.
 */
public final class Fgsm {

    private final float epsilon;
    private final int batchSize;

    public Fgsm(float epsilon) {
        this(epsilon, 256);
    }

    public Fgsm(float epsilon, int batchSize) {
        if (!(epsilon > 0) || epsilon > 1) {
            throw new IllegalArgumentException("FGSM epsilon must be in (0,1], got " + epsilon);
        }
        this.epsilon = epsilon;
        this.batchSize = batchSize;
    }

    public ImageBatch perturb(WhiteBoxClassifier model, ImageBatch images, int[] labels) throws FrontierException {
        float[] out = new float[images.data().length];
        int s = images.imageSize();
        for (int from = 0; from < images.n(); from += batchSize) {
            int to = Math.min(images.n(), from + batchSize);
            ImageBatch part = images.slice(from, to);
            float[] g = model.lossGradient(part, java.util.Arrays.copyOfRange(labels, from, to));
            float[] x = part.data();
            for (int i = 0; i < x.length; i++) {
                out[from * s + i] = clip01(x[i] + epsilon * Math.signum(g[i]));
            }
        }
        return new ImageBatch(out, images.n(), images.channels(), images.height(), images.width());
    }

    static float clip01(float v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }
}
