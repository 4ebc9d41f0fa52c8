package ml.frontier.cli.attack;

import ml.frontier.attack.perturb.WeightPerturbation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code frontier attack perturb}: add an amount to one weight or a few (minimal tampering). */
@Command(name = "perturb",
        description = "Minimal tampering: add --amount to --weights weights chosen at random (seeded).")
public final class PerturbCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AttackOptions options;

    @Option(names = "--weights", defaultValue = "1", description = "How many weights to change (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--amount", defaultValue = "0.5", description = "Added to each chosen weight (default: ${DEFAULT-VALUE}).")
    float amount;

    @Option(names = "--scope", defaultValue = "last-layer", paramLabel = "last-layer|all",
            description = "Pick among the last layer's weights or all weights (default: ${DEFAULT-VALUE}).")
    String scope;

    @Override
    public Integer call() throws Exception {
        var attack = WeightPerturbation.builder().optCount(count).optAmount(amount)
                .optScope(WeightPerturbation.Scope.parse(scope)).build();
        return AttackRunner.run(spec, options, attack);
    }
}
