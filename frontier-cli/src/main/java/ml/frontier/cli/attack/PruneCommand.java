package ml.frontier.cli.attack;

import ml.frontier.attack.prune.MagnitudePruning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code frontier attack prune}: magnitude pruning, global or per layer, optionally fine-tuned. */
@Command(name = "prune",
        description = "Set the smallest weights to zero (magnitude pruning), globally or per layer.")
public final class PruneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AttackOptions options;

    @Option(names = "--rate", required = true, description = "Fraction of weights to zero, in [0,1).")
    double rate;

    @Option(names = "--per-layer", description = "Prune each weight tensor at the rate (default: all weights together).")
    boolean perLayer;

    @Option(names = "--finetune-epochs", defaultValue = "0",
            description = "Epochs of training on the attacker's data afterwards, pruned weights kept at zero (default: ${DEFAULT-VALUE}).")
    int fineTuneEpochs;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Learning rate of that fine-tuning (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Override
    public Integer call() throws Exception {
        var attack = MagnitudePruning.builder().setRate(rate).optPerLayer(perLayer)
                .optFineTuneEpochs(fineTuneEpochs).optLearningRate(learningRate).build();
        return AttackRunner.run(spec, options, attack);
    }
}
