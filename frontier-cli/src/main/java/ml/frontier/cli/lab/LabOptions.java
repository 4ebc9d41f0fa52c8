package ml.frontier.cli.lab;

import ml.frontier.cli.common.NestedOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options every {@code frontier lab} experiment takes: seed, --quick, --out and --json. */
public final class LabOptions extends NestedOptions {

    @Option(names = "--quick", description = "A short run (the command's description says what it keeps).")
    public boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/lab-COMMAND).")
    Path out;

    /** The output directory: {@code --out}, or {@code runs/lab-<command>}. */
    public Path out() {
        return out != null ? out : Path.of("runs", "lab-" + command.name());
    }
}
