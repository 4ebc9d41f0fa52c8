package ml.frontier.cli.common;

import picocli.CommandLine.Option;

/** {@code --seed}: every run takes one and says which it used. */
public final class SeedOption {

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    public long seed;
}
