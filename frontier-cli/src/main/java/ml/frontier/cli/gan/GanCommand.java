package ml.frontier.cli.gan;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code frontier gan}: distributed GAN training (MD-GAN, FL-GAN, standalone). */
@Command(name = "gan",
        description = "Train GANs: standalone, FL-GAN or MD-GAN (one generator, one discriminator per worker).",
        subcommands = {CommandLine.HelpCommand.class, GanTrainCommand.class, GanCalibrateCommand.class,
                ml.frontier.cli.gan.net.GanServerCommand.class,
                ml.frontier.cli.gan.net.GanWorkerCommand.class,
                ml.frontier.cli.gan.net.GanShardCommand.class})
public final class GanCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
