package ml.frontier.cli.tamper;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code frontier tamper …}: tamper detection of deployed models with markers (TamperNN). */
@Command(name = "tamper",
        description = "Detect tampering of a deployed model with markers (TamperNN, Le Merrer and Tredan 2019).",
        subcommands = {CommandLine.HelpCommand.class, TamperMarkersCommand.class, TamperCheckCommand.class})
public final class TamperCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
