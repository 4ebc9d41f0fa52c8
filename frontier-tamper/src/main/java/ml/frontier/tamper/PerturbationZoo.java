package ml.frontier.tamper;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.model.TrainableModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Copies of a model changed without data, standing in for "some tampering" when markers are
 * chosen: every trainable tensor gets Gaussian noise of {@code scale ×} its own RMS, for each
 * scale and {@code seedsPerScale} seeds. No attack of the lab (trojaning, fine-tuning,
 * quantization, pruning, watermarking, bit flips) is among them, so the lab's detection rates
 * are measured on attack types the selection never saw.
 *
 * @param scales noise scales relative to each tensor's RMS
 * @param seedsPerScale copies per scale
 */
public record PerturbationZoo(double[] scales, int seedsPerScale) {

    public PerturbationZoo {
        scales = scales.clone();
        if (scales.length == 0 || seedsPerScale < 1) {
            throw new IllegalArgumentException("perturbation zoo: need at least one scale and one seed");
        }
        for (double s : scales) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("perturbation zoo: scales must be positive");
            }
        }
    }

    /** Relative noise 0.3%, 1% and 3%, three copies each. */
    public static PerturbationZoo defaults() {
        return new PerturbationZoo(new double[] {0.003, 0.01, 0.03}, 3);
    }

    /** Labels of {@code images} under each perturbed copy (copies made and freed one at a time). */
    public List<int[]> labels(TrainableModel model, ImageBatch images, long seed) throws FrontierException {
        List<int[]> out = new ArrayList<>();
        int copyIndex = 0;
        for (double scale : scales) {
            for (int s = 0; s < seedsPerScale; s++) {
                Random rng = new Random(seed * 1_000_003L + 7919L * copyIndex++);
                try (TrainableModel copy = model.copy()) {
                    for (String n : copy.parameterNames()) {
                        if (copy.isTrainable(n)) {
                            copy.setValues(n, noisy(copy.values(n), scale, rng));
                        }
                    }
                    out.add(new DjlClassifier(copy, "perturbed", 512).predictAll(images, 256));
                }
            }
        }
        return out;
    }

    private static float[] noisy(float[] v, double scale, Random rng) {
        double ss = 0;
        for (float x : v) {
            ss += (double) x * x;
        }
        double sd = scale * Math.sqrt(ss / Math.max(1, v.length));
        for (int i = 0; i < v.length; i++) {
            v[i] += (float) (sd * rng.nextGaussian());
        }
        return v;
    }
}
