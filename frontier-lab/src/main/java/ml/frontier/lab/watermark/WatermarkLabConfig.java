package ml.frontier.lab.watermark;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Settings of the watermark study.
 *
 * @param nets the networks
 * @param epsilons FGSM steps of the keys
 * @param keySize k
 * @param p significance level of the binomial test
 * @param nulls independently trained unmarked models per network
 * @param attackEpochs epochs of the fine-tuning attacks (and of quantization's retraining: none)
 * @param pruneRates magnitude-pruning rates
 * @param quantBits bit widths of the quantization attack
 * @param embedMaxEpochs cap on stitching epochs
 * @param seed seeds everything
 * @param quick whether this is the quick configuration (for the report)
 * @param out output directory
 */
public record WatermarkLabConfig(List<NetSetup> nets, List<Float> epsilons, int keySize, double p, int nulls,
                                 int attackEpochs, List<Double> pruneRates, List<Integer> quantBits, int embedMaxEpochs,
                                 long seed, boolean quick, Path out) {

    public WatermarkLabConfig {
        nets = List.copyOf(nets);
        epsilons = List.copyOf(epsilons);
        pruneRates = List.copyOf(pruneRates);
        quantBits = List.copyOf(quantBits);
        if (nulls < 1) {
            throw new IllegalArgumentException("at least one null model is needed, got " + nulls);
        }
    }

    /** The same study restricted to the named architectures (e.g. ["mlp", "cnn"]), in this config's order. */
    public WatermarkLabConfig withNets(List<String> architectures) {
        List<NetSetup> kept = nets.stream().filter(n -> architectures.contains(n.architecture())).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no network among " + architectures + " (known: mlp, cnn, irnn)");
        }
        return new WatermarkLabConfig(kept, epsilons, keySize, p, nulls, attackEpochs, pruneRates, quantBits,
                embedMaxEpochs, seed, quick, out);
    }

    static final List<Float> PAPER_EPSILONS = List.of(0.025f, 0.1f, 0.25f);
    static final List<Double> PAPER_PRUNE_RATES = List.of(0.25, 0.5, 0.75, 0.85);

    /**
     * The full study: the paper's networks at their stock sizes (IRNN over 784 single pixels
     * unless {@code irnnSteps} says otherwise), 10 epochs MLP / 6 CNN / 10 IRNN.
     */
    public static WatermarkLabConfig full(int nulls, long seed, Path out, int irnnSteps) {
        return new WatermarkLabConfig(List.of(
                new NetSetup("mlp", Map.of(), 10, 1e-3f, 0),
                new NetSetup("cnn", Map.of(), 6, 1e-3f, 0),
                new NetSetup("irnn", Map.of("steps", Integer.toString(irnnSteps)), 10, 1e-3f, 1f)),
                PAPER_EPSILONS, 100, 0.05, nulls, 5, PAPER_PRUNE_RATES, List.of(8, 5, 4), 20, seed, false, out);
    }

    /**
     * A few minutes on 2 cores: smaller networks (MLP hidden 128; CNN 8/16 filters, dense 64;
     * IRNN 64 units over 28 rows of 28 pixels, steps=28), 3 training epochs, 2 fine-tuning epochs.
     */
    public static WatermarkLabConfig quick(int nulls, long seed, Path out) {
        return new WatermarkLabConfig(List.of(
                new NetSetup("mlp", Map.of("hidden", "128"), 3, 1e-3f, 0),
                new NetSetup("cnn", Map.of("conv1", "8", "conv2", "16", "dense", "64"), 2, 1e-3f, 0),
                new NetSetup("irnn", Map.of("steps", "28", "hidden", "64"), 3, 1e-3f, 1f)),
                PAPER_EPSILONS, 100, 0.05, nulls, 2, PAPER_PRUNE_RATES, List.of(5), 15, seed, true, out);
    }
}
