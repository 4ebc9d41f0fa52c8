package ml.frontier.cli.watermark;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code frontier watermark …}: embed a frontier-stitching watermark, verify it remotely, compute θ. */
@Command(name = "watermark",
        description = "Zero-bit watermarks by adversarial frontier stitching (Le Merrer, Perez, Tredan 2019).",
        subcommands = {CommandLine.HelpCommand.class, EmbedCommand.class, VerifyCommand.class, ReferencesCommand.class,
                ThresholdCommand.class})
public final class WatermarkCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
