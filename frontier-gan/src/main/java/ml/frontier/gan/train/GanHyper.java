package ml.frontier.gan.train;

/**
 * Optimiser settings shared by G and D: Adam with the usual GAN betas.
 *
 * @param generatorRate Adam learning rate of G
 * @param discriminatorRate Adam learning rate of D
 */
public record GanHyper(float generatorRate, float discriminatorRate, float beta1, float beta2) {

    public static final GanHyper DEFAULT = new GanHyper(2e-4f, 2e-4f, 0.5f, 0.999f);

    public GanHyper {
        if (!(generatorRate > 0) || !(discriminatorRate > 0)) {
            throw new IllegalArgumentException("learning rates must be positive");
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0,1)");
        }
    }
}
