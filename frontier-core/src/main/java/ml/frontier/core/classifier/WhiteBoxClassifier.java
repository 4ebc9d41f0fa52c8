package ml.frontier.core.classifier;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;

/**
 * A classifier whose logits and input gradients can be read: what key and marker generation
 * need, as opposed to what verification may use ({@link Classifier}).
 */
public interface WhiteBoxClassifier extends Classifier {

    /** Logits, {@code n × numClasses()} row-major. */
    float[] logits(ImageBatch images) throws FrontierException;

    /**
     * The gradient of the cross-entropy loss of each image against its label, with respect to the
     * image: the direction FGSM and PGD step in. Same shape as {@code images}.
     */
    float[] lossGradient(ImageBatch images, int[] labels) throws FrontierException;

    /** Softmax probabilities, {@code n × numClasses()}. */
    default float[] probabilities(ImageBatch images) throws FrontierException {
        return softmax(logits(images), numClasses());
    }

    /** Row-wise softmax of {@code n × k} logits, computed stably. */
    static float[] softmax(float[] logits, int k) {
        float[] p = new float[logits.length];
        for (int r = 0; r < logits.length / k; r++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logits[r * k + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(logits[r * k + j] - max);
            }
            for (int j = 0; j < k; j++) {
                p[r * k + j] = (float) (Math.exp(logits[r * k + j] - max) / sum);
            }
        }
        return p;
    }

    /** Row-wise arg-max of {@code n × k} scores. */
    static int[] argmax(float[] scores, int k) {
        int n = scores.length / k;
        int[] out = new int[n];
        for (int r = 0; r < n; r++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (scores[r * k + j] > scores[r * k + best]) {
                    best = j;
                }
            }
            out[r] = best;
        }
        return out;
    }
}
