package ml.frontier.lab.watermark;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Settings of the watermark study.
 *
 * @param owners the owners' networks; each is marked with every key
 * @param epsilons FGSM steps; each gets one coin key and one paper key
 * @param extraCoinKeys further coin keys and paper keys at ε = 0.1 with other seeds (more null checks)
 * @param keySize k, counted key images
 * @param alpha significance level of the coin keys' binomial rule (the default verdict)
 * @param paperP the paper rule's level (its published p = 0.05)
 * @param conformalAlpha level of the conformal rule
 * @param references reference models per owner for the conformal rule (0 skips the rule for it),
 *        in the order of {@code owners}
 * @param nulls the pool of unrelated models every key is checked against
 * @param nullScale multiplies every family's count of the pool (rounded up)
 * @param onnxNulls a directory of PyTorch-made ONNX classifiers to add to the pool, or null
 * @param attackEpochs epochs of the short fine-tuning attacks (long ones run 4×)
 * @param copies attacked copies per attack (different seeds)
 * @param embedMaxEpochs cap on stitching epochs
 * @param budgetPoints attacked copies count when their test accuracy is within this many points
 *        of the marked model's
 * @param seed seeds everything (the keys' coins too: lab keys are never used to accuse anyone)
 * @param quick whether this is the quick configuration (for the report)
 * @param out output directory; trained models are cached there, so a rerun resumes
 */
public record WatermarkLabConfig(List<NetSetup> owners, List<Float> epsilons, int extraCoinKeys, int keySize,
                                 double alpha, double paperP, double conformalAlpha, List<Integer> references,
                                 List<NullSpec> nulls, double nullScale, Path onnxNulls, int attackEpochs, int copies,
                                 int embedMaxEpochs, double budgetPoints, long seed, boolean quick, Path out) {

    public WatermarkLabConfig {
        owners = List.copyOf(owners);
        epsilons = List.copyOf(epsilons);
        references = List.copyOf(references);
        nulls = List.copyOf(nulls);
        if (references.size() != owners.size()) {
            throw new IllegalArgumentException(owners.size() + " owners but " + references.size() + " reference counts");
        }
        if (copies < 1) {
            throw new IllegalArgumentException("at least one attacked copy per attack, got " + copies);
        }
    }

    /** The same study restricted to the named owner architectures, in this config's order. */
    public WatermarkLabConfig withOwners(List<String> architectures) {
        List<NetSetup> kept = new java.util.ArrayList<>();
        List<Integer> refs = new java.util.ArrayList<>();
        for (int i = 0; i < owners.size(); i++) {
            if (architectures.contains(owners.get(i).architecture())) {
                kept.add(owners.get(i));
                refs.add(references.get(i));
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no owner network among " + architectures + " (known: mlp, cnn)");
        }
        return new WatermarkLabConfig(kept, epsilons, extraCoinKeys, keySize, alpha, paperP, conformalAlpha, refs, nulls, nullScale,
                onnxNulls, attackEpochs, copies, embedMaxEpochs, budgetPoints, seed, quick, out);
    }

    /** The same study with another ONNX null directory. */
    public WatermarkLabConfig withOnnxNulls(Path dir) {
        return new WatermarkLabConfig(owners, epsilons, extraCoinKeys, keySize, alpha, paperP, conformalAlpha, references,
                nulls, nullScale, dir, attackEpochs, copies, embedMaxEpochs, budgetPoints, seed, quick, out);
    }

    /** The same study with other key settings: the ε of the coin and paper keys, extra coin keys. */
    public WatermarkLabConfig withKeys(List<Float> eps, int extra) {
        return new WatermarkLabConfig(owners, eps, extra, keySize, alpha, paperP, conformalAlpha, references, nulls, nullScale,
                onnxNulls, attackEpochs, copies, embedMaxEpochs, budgetPoints, seed, quick, out);
    }

    /** The same study with a pool scaled by {@code scale} and {@code copies} attacked copies per attack. */
    public WatermarkLabConfig withPool(double scale, int copies) {
        return new WatermarkLabConfig(owners, epsilons, extraCoinKeys, keySize, alpha, paperP, conformalAlpha, references,
                nulls, scale, onnxNulls, attackEpochs, copies, embedMaxEpochs, budgetPoints, seed, quick, out);
    }

    /** The same study with another level for the conformal rule. */
    public WatermarkLabConfig withConformalAlpha(double a) {
        return new WatermarkLabConfig(owners, epsilons, extraCoinKeys, keySize, alpha, paperP, a, references, nulls, nullScale,
                onnxNulls, attackEpochs, copies, embedMaxEpochs, budgetPoints, seed, quick, out);
    }

    /** The same study with other reference counts (one per owner). */
    public WatermarkLabConfig withReferences(List<Integer> refs) {
        return new WatermarkLabConfig(owners, epsilons, extraCoinKeys, keySize, alpha, paperP, conformalAlpha, refs,
                nulls, nullScale, onnxNulls, attackEpochs, copies, embedMaxEpochs, budgetPoints, seed, quick, out);
    }

    static final List<Float> PAPER_EPSILONS = List.of(0.025f, 0.1f, 0.25f);

    /**
     * The full study: the paper's MLP and CNN at their stock sizes as owners; a pool of 70-odd
     * unrelated models (same recipe with other seeds, the attacker's data, Fashion-MNIST when
     * installed, other architectures and widths), 99 MLP references.
     */
    public static WatermarkLabConfig full(long seed, Path out) {
        NetSetup mlp = new NetSetup("mlp", Map.of(), 5, 1e-3f, 0);
        NetSetup cnn = new NetSetup("cnn", Map.of(), 3, 1e-3f, 0);
        List<NullSpec> nulls = List.of(
                new NullSpec(mlp, NullSpec.OWNER_DATA, 20),
                new NullSpec(cnn, NullSpec.OWNER_DATA, 8),
                new NullSpec(mlp, NullSpec.ATTACKER_DATA, 5),
                new NullSpec(cnn, NullSpec.ATTACKER_DATA, 3),
                new NullSpec(mlp, NullSpec.FASHION, 4),
                new NullSpec(new NetSetup("mlp", Map.of("hidden", "128"), 5, 1e-3f, 0), NullSpec.OWNER_DATA, 4),
                new NullSpec(new NetSetup("mlp", Map.of("hidden", "1024"), 5, 1e-3f, 0), NullSpec.OWNER_DATA, 3),
                new NullSpec(new NetSetup("cnn", Map.of("conv1", "8", "conv2", "16", "dense", "64"), 3, 1e-3f, 0),
                        NullSpec.OWNER_DATA, 4),
                new NullSpec(new NetSetup("irnn", Map.of("steps", "28"), 3, 1e-3f, 1f), NullSpec.OWNER_DATA, 4));
        return new WatermarkLabConfig(List.of(mlp, cnn), PAPER_EPSILONS, 2, 100, 0.001, 0.05, 0.01, List.of(99, 0),
                nulls, 1.0, null, 5, 2, 20, 5.0, seed, false, out);
    }

    /** A few minutes on 2 cores: small networks, a small pool, 19 references, one copy per attack. */
    public static WatermarkLabConfig quick(long seed, Path out) {
        NetSetup mlp = new NetSetup("mlp", Map.of("hidden", "128"), 3, 1e-3f, 0);
        NetSetup cnn = new NetSetup("cnn", Map.of("conv1", "8", "conv2", "16", "dense", "64"), 2, 1e-3f, 0);
        List<NullSpec> nulls = List.of(
                new NullSpec(mlp, NullSpec.OWNER_DATA, 6),
                new NullSpec(cnn, NullSpec.OWNER_DATA, 3),
                new NullSpec(mlp, NullSpec.ATTACKER_DATA, 2),
                new NullSpec(new NetSetup("irnn", Map.of("steps", "28", "hidden", "64"), 2, 1e-3f, 1f),
                        NullSpec.OWNER_DATA, 2));
        return new WatermarkLabConfig(List.of(mlp, cnn), List.of(0.1f), 1, 100, 0.001, 0.05, 0.05, List.of(19, 0),
                nulls, 1.0, null, 2, 1, 10, 5.0, seed, true, out);
    }
}
