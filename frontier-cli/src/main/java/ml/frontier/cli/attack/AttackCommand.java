package ml.frontier.cli.attack;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code frontier attack}: the group of model attacks; prints its usage when run alone. */
@Command(name = "attack",
        description = "Attack a model file: fine-tune, prune, quantize, trojan or perturb it into a new file.",
        
        subcommands = {
                FinetuneCommand.class,
                PruneCommand.class,
                QuantizeCommand.class,
                TrojanCommand.class,
                PerturbCommand.class,
        })
public final class AttackCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
