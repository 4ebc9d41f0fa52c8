package ml.frontier.cli.attack;

import ml.frontier.attack.finetune.FineTuneMode;
import ml.frontier.attack.finetune.FineTuning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code frontier attack finetune}: FTLL, FTAL, RTLL or RTAL on the attacker's data. */
@Command(name = "finetune",
        description = "Fine-tune on the attacker's data: ftll (last layer), ftal (all layers), "
                + "rtll / rtal (re-initialise the last layer first) — Adi et al. 2018.")
public final class FinetuneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AttackOptions options;

    @Option(names = "--mode", required = true, paramLabel = "ftll|ftal|rtll|rtal", description = "Fine-tuning variant.")
    String mode;

    @Option(names = "--epochs", defaultValue = "5", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Override
    public Integer call() throws Exception {
        var attack = FineTuning.builder().setMode(FineTuneMode.parse(mode)).optEpochs(epochs)
                .optLearningRate(learningRate).build();
        return AttackRunner.run(spec, options, attack);
    }
}
