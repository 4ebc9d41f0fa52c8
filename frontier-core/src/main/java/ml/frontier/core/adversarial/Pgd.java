package ml.frontier.core.adversarial;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.WhiteBoxClassifier;
import ml.frontier.core.image.ImageBatch;

import java.util.Random;

/**
 * Iterated FGSM / projected gradient descent in L∞ (Madry et al. 2018): {@code steps} sign steps
 * of size {@code stepSize}, each projected back onto the ε-ball around the original image and
 * onto [0,1]. With {@code randomStart} it begins at a uniform point of the ball (PGD); without,
 * at the image itself (the basic iterative method).
 */
public final class Pgd {

    private final float epsilon;
    private final float stepSize;
    private final int steps;
    private final boolean randomStart;
    private final long seed;

    public Pgd(float epsilon, float stepSize, int steps, boolean randomStart, long seed) {
        if (!(epsilon > 0) || epsilon > 1) {
            throw new IllegalArgumentException("PGD epsilon must be in (0,1], got " + epsilon);
        }
        if (!(stepSize > 0) || steps <= 0) {
            throw new IllegalArgumentException("PGD needs a positive step size and step count");
        }
        this.epsilon = epsilon;
        this.stepSize = stepSize;
        this.steps = steps;
        this.randomStart = randomStart;
        this.seed = seed;
    }

    public ImageBatch perturb(WhiteBoxClassifier model, ImageBatch images, int[] labels) throws FrontierException {
        float[] x0 = images.data();
        float[] x = x0.clone();
        if (randomStart) {
            Random rng = new Random(seed);
            for (int i = 0; i < x.length; i++) {
                x[i] = Fgsm.clip01(x0[i] + (rng.nextFloat() * 2 - 1) * epsilon);
            }
        }
        for (int s = 0; s < steps; s++) {
            ImageBatch cur = new ImageBatch(x, images.n(), images.channels(), images.height(), images.width());
            float[] g = model.lossGradient(cur, labels);
            for (int i = 0; i < x.length; i++) {
                float v = x[i] + stepSize * Math.signum(g[i]);
                v = Math.max(x0[i] - epsilon, Math.min(x0[i] + epsilon, v));
                x[i] = Fgsm.clip01(v);
            }
        }
        return new ImageBatch(x, images.n(), images.channels(), images.height(), images.width());
    }
}
