package ml.frontier.cli;

import ml.frontier.cli.common.ErrorHandler;
import ml.frontier.cli.common.GlobalOptions;
import ml.frontier.cli.common.Logging;
import ml.frontier.core.engine.Engines;
import ml.frontier.core.model.FrontierVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;

/**
 * The {@code frontier} command: ownership watermarks, tamper detection and distributed GAN
 * training for neural networks, through nothing but a model's prediction API where the method
 * allows it.
 *
 * <p>Help, {@code --version}, {@code --seed} and {@code --verbose} are declared here once and
 * inherited by every subcommand ({@code scope = INHERIT}).
 */
@Command(name = "frontier",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = Frontier.Version.class,
        description = "Watermark, tamper-check, serve and attack neural networks; train GANs over distributed data.",
        subcommands = {
                CommandLine.HelpCommand.class,
                TrainCommand.class,
                EvalCommand.class,
                InfoCommand.class,
                ExportCommand.class,
                DemoCommand.class,
                LabCommand.class,
                ml.frontier.cli.gan.GanCommand.class,
                ml.frontier.cli.watermark.WatermarkCommand.class,
                ml.frontier.cli.attack.AttackCommand.class,
                ml.frontier.cli.serve.ServeCommand.class,
                ml.frontier.cli.tamper.TamperCommand.class,
                CompletionCommand.class,
        })
public final class Frontier implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with Frontier's error handling (tests use this too). */
    public static CommandLine commandLine() {
        Engines.configureOffline();
        Frontier root = new Frontier();
        CommandLine cl = new CommandLine(root);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // logging is set up after parsing (--verbose is known) and before any command makes a logger
        cl.setExecutionStrategy(parsed -> {
            Logging.configure(root.global.verbose);
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * Frontier's version and the DJL and PyTorch versions of the build, all from the POM. picocli
     * asks for them when it builds every subcommand (the inherited {@code @Command}), so they are
     * read from a resource and do not start the engine.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Frontier " + FrontierVersion.VERSION,
                    "DJL " + FrontierVersion.DJL + " / PyTorch " + FrontierVersion.PYTORCH};
        }
    }
}
