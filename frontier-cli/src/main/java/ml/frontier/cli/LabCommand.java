package ml.frontier.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code frontier lab …}: the papers' experiments and the benchmarks, each writing CSV, PNG and Markdown. */
@Command(name = "lab",
        
        description = "Reproduce the papers' experiments and run benchmarks (CSV + PNG + Markdown reports).",
        subcommands = {
                CommandLine.HelpCommand.class,
                ml.frontier.cli.lab.LabWatermarkCommand.class,
                ml.frontier.cli.lab.LabTamperCommand.class,
                ml.frontier.cli.lab.LabSpeedCommand.class,
                ml.frontier.cli.lab.LabMdganCommand.class,
                ml.frontier.cli.lab.LabWorkCommand.class,
        })
public final class LabCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
