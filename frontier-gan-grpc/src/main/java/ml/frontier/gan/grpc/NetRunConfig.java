package ml.frontier.gan.grpc;

import ml.frontier.core.data.Dataset;
import ml.frontier.core.io.Hashing;
import ml.frontier.gan.GanSetup;
import ml.frontier.gan.mdgan.MdGanConfig;
import ml.frontier.gan.nets.GanArchitecture;
import ml.frontier.gan.nets.GanArchitectures;
import ml.frontier.gan.grpc.proto.RunConfig;
import ml.frontier.gan.train.GanHyper;
import ml.frontier.gan.train.GeneratorLoss;

import java.nio.charset.StandardCharsets;

/**
 * The configuration of one networked MD-GAN run, as the server announces it to every worker:
 * the MD-GAN options of {@link GanSetup} without the data (which stays on the workers).
 *
 * @param net GAN architecture name ({@link GanArchitectures#names()})
 * @param workers N, the number of worker slots, one per shard
 */
public record NetRunConfig(String net, int workers, int batch, int k, int discriminatorSteps, int epochsPerSwap,
                           boolean swap, long seed, GanHyper hyper) {

    public NetRunConfig {
        GanArchitectures.byName(net);
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        if (k < 1 || k > workers) {
            throw new IllegalArgumentException("k must be in [1, workers=" + workers + "], got " + k);
        }
        if (discriminatorSteps < 1 || epochsPerSwap < 1) {
            throw new IllegalArgumentException("L and epochs per swap must be at least 1");
        }
    }

    public GanArchitecture architecture() {
        return GanArchitectures.byName(net);
    }

    /** The same run as an in-process setup over {@code train} (the whole training set, or one shard with workers = 1). */
    public GanSetup setup(Dataset train) {
        return new GanSetup(architecture(), hyper, train, workers, batch, k, discriminatorSteps, epochsPerSwap, swap, seed);
    }

    /** The server's data-free MD-GAN configuration once the workers' shard size {@code m} is known. */
    public MdGanConfig mdGan(long m) {
        return new MdGanConfig(architecture(), hyper, workers, batch, k, discriminatorSteps, swap, iterationsPerRound(m), seed);
    }

    /** A setup for one worker that holds {@code shard} already cut: only D, L, the optimiser and the seed matter. */
    public GanSetup workerSetup(Dataset shard) {
        return new GanSetup(architecture(), hyper, shard, 1, Math.min(batch, shard.size()), 1, discriminatorSteps,
                epochsPerSwap, swap, seed);
    }

    /** Iterations between swaps for shards of {@code m} examples: ⌈m·E/b⌉, as {@link GanSetup#iterationsPerRound()}. */
    public int iterationsPerRound(long m) {
        return (int) Math.max(1, (m * epochsPerSwap + batch - 1) / batch);
    }

    /** {C, H, W} of the images. */
    public int[] imageDims() {
        var s = architecture().imageShape();
        return new int[] {s.channels(), s.height(), s.width()};
    }

    /** {b, C, H, W}: the shape of X^(d), X^(g) and F. */
    public int[] batchShape() {
        int[] d = imageDims();
        return new int[] {batch, d[0], d[1], d[2]};
    }

    /** A short hash of every field: a worker keeps its discriminator only within one run. */
    public String runId() {
        String canonical = String.join("|", net, "" + workers, "" + batch, "" + k, "" + discriminatorSteps,
                "" + epochsPerSwap, "" + swap, "" + seed, "" + hyper.generatorRate(), "" + hyper.discriminatorRate(),
                "" + hyper.beta1(), "" + hyper.beta2(), hyper.generatorLoss().name(), "" + hyper.swapAdamState());
        return Hashing.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    public RunConfig toProto() {
        return RunConfig.newBuilder().setRunId(runId()).setNet(net).setWorkers(workers).setBatch(batch).setK(k)
                .setDiscriminatorSteps(discriminatorSteps).setEpochsPerSwap(epochsPerSwap).setSwap(swap).setSeed(seed)
                .setGeneratorRate(hyper.generatorRate()).setDiscriminatorRate(hyper.discriminatorRate())
                .setBeta1(hyper.beta1()).setBeta2(hyper.beta2()).setGeneratorLoss(hyper.generatorLoss().name())
                .setSwapAdamState(hyper.swapAdamState()).build();
    }

    /** The configuration in {@code p}; its run id must match its fields. */
    public static NetRunConfig fromProto(RunConfig p) {
        NetRunConfig c = new NetRunConfig(p.getNet(), p.getWorkers(), p.getBatch(), p.getK(), p.getDiscriminatorSteps(),
                p.getEpochsPerSwap(), p.getSwap(), p.getSeed(),
                new GanHyper(p.getGeneratorRate(), p.getDiscriminatorRate(), p.getBeta1(), p.getBeta2())
                        .withGeneratorLoss(p.getGeneratorLoss().isEmpty() ? GeneratorLoss.NON_SATURATING
                                : GeneratorLoss.valueOf(p.getGeneratorLoss()))
                        .withSwapAdamState(p.getSwapAdamState()));
        if (!c.runId().equals(p.getRunId())) {
            throw new IllegalArgumentException("run configuration does not match its run id " + p.getRunId());
        }
        return c;
    }
}
