package ml.frontier.gan.train;

/**
 * Training rules shared by G and D: Adam with the usual GAN betas, the generator's loss, and
 * two choices the MD-GAN paper leaves open or that differ between implementations.
 *
 * @param generatorRate Adam learning rate of G
 * @param discriminatorRate Adam learning rate of D
 * @param generatorLoss the adversarial term G minimises
 * @param freshNoise standalone GAN and FL-GAN: the generator step draws new noise instead of
 *        reusing the batch D has just been trained on (MD-GAN with k = 1 reuses it by design)
 * @param swapAdamState MD-GAN: a swap sends D's Adam moments along with θ (3·|θ| floats instead
 *        of the paper's |θ|); without them the receiving worker keeps its own moments
 */
public record GanHyper(float generatorRate, float discriminatorRate, float beta1, float beta2,
                       GeneratorLoss generatorLoss, boolean freshNoise, boolean swapAdamState) {

    /** Adam 2e-4, β = (0.5, 0.999), non-saturating loss, fresh noise, swaps of θ only (as the paper counts). */
    public static final GanHyper DEFAULT = new GanHyper(2e-4f, 2e-4f, 0.5f, 0.999f);

    public GanHyper {
        if (!(generatorRate > 0) || !(discriminatorRate > 0)) {
            throw new IllegalArgumentException("learning rates must be positive");
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0,1)");
        }
        if (generatorLoss == null) {
            throw new IllegalArgumentException("generator loss is required");
        }
    }

    /** Adam settings with the default rules. */
    public GanHyper(float generatorRate, float discriminatorRate, float beta1, float beta2) {
        this(generatorRate, discriminatorRate, beta1, beta2, GeneratorLoss.NON_SATURATING, true, false);
    }

    public GanHyper withGeneratorLoss(GeneratorLoss v) {
        return new GanHyper(generatorRate, discriminatorRate, beta1, beta2, v, freshNoise, swapAdamState);
    }

    public GanHyper withFreshNoise(boolean v) {
        return new GanHyper(generatorRate, discriminatorRate, beta1, beta2, generatorLoss, v, swapAdamState);
    }

    public GanHyper withSwapAdamState(boolean v) {
        return new GanHyper(generatorRate, discriminatorRate, beta1, beta2, generatorLoss, freshNoise, v);
    }
}
