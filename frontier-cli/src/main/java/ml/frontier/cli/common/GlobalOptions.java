package ml.frontier.cli.common;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes, declared once on the root command and inherited by every
 * subcommand: {@code --seed} (read through {@link SeedOption}) and {@code --verbose}.
 */
public final class GlobalOptions {

    @Option(names = "--seed", defaultValue = "1", scope = ScopeType.INHERIT, paramLabel = "N",
            description = "Random seed; every run says which it used (default: ${DEFAULT-VALUE}).")
    public long seed;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Show library and server logs (and libtorch's native warnings) on the terminal "
                    + "instead of only in the log file.")
    public boolean verbose;
}
