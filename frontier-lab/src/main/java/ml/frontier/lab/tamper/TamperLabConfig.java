package ml.frontier.lab.tamper;

import ml.frontier.tamper.strategy.MarkerStrategies;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The experiment's settings.
 *
 * @param nets the networks
 * @param strategies marker strategy names
 * @param markers markers per set
 * @param copies independently attacked copies per (network, attack) cell (seeded attacks)
 * @param attackEpochs training epochs of the fine-tuning, trojaning and watermark-embedding attacks
 * @param watermarkKey key size of the watermarking attack
 * @param freshProcess whether to also check the markers in a separate JVM with 1 and 2 threads
 * @param seed the seed of everything
 * @param quick whether this is the quick run
 * @param out the output directory
 * @param data the dataset ({@code mnist}: the embedded digits; {@code fashion}: Fashion-MNIST)
 */
public record TamperLabConfig(List<TamperNet> nets, List<String> strategies, int markers, int copies, int attackEpochs,
                              int watermarkKey, boolean freshProcess, long seed, boolean quick, Path out, String data) {

    /** Queries at which detection probability is reported. */
    public static final int[] QUERIES = {1, 2, 5, 10, 20, 50, 100};

    public TamperLabConfig {
        nets = List.copyOf(nets);
        strategies = List.copyOf(strategies);
        if (markers < 1 || copies < 1 || attackEpochs < 1 || watermarkKey < 2) {
            throw new IllegalArgumentException("markers, copies and attack epochs must be positive, key size >= 2");
        }
    }

    /** The paper's networks at full size, 20 copies per cell. */
    public static TamperLabConfig full(int copies, long seed, Path out, int irnnSteps) {
        return new TamperLabConfig(List.of(
                new TamperNet("mlp", Map.of(), 5, 0),
                new TamperNet("cnn", Map.of(), 3, 0),
                new TamperNet("irnn", Map.of("steps", Integer.toString(irnnSteps)), 5, 1f)),
                MarkerStrategies.NAMES, 100, copies, 2, 50, true, seed, false, out, "mnist");
    }

    /** Small networks, few copies: a few minutes on 2 cores. */
    public static TamperLabConfig quick(int copies, long seed, Path out) {
        return new TamperLabConfig(List.of(
                new TamperNet("mlp", Map.of("hidden", "128"), 2, 0),
                new TamperNet("cnn", Map.of("conv1", "8", "conv2", "16", "dense", "64"), 1, 0),
                new TamperNet("irnn", Map.of("steps", "28", "hidden", "64"), 2, 1f)),
                MarkerStrategies.NAMES, 100, copies, 1, 20, true, seed, true, out, "mnist");
    }

    /** The same settings restricted to the networks whose architecture is in {@code names}. */
    public TamperLabConfig onlyNets(List<String> names) {
        List<TamperNet> keep = nets.stream().filter(n -> names.contains(n.architecture())).toList();
        if (keep.isEmpty()) {
            throw new IllegalArgumentException("no network among " + names + " (known: mlp, cnn, irnn)");
        }
        return new TamperLabConfig(keep, strategies, markers, copies, attackEpochs, watermarkKey, freshProcess, seed,
                quick, out, data);
    }

    /** The same settings on another dataset. */
    public TamperLabConfig onData(String dataset) {
        return new TamperLabConfig(nets, strategies, markers, copies, attackEpochs, watermarkKey, freshProcess, seed,
                quick, out, dataset);
    }
}
