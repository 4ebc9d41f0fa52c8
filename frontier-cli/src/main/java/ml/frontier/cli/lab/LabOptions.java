package ml.frontier.cli.lab;

import ml.frontier.cli.common.JsonOption;
import ml.frontier.cli.common.SeedOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** The options every {@code frontier lab} experiment takes: seed, --quick, --out and --json. */
public final class LabOptions {

    @Mixin
    JsonOption json;

    @Option(names = "--quick", description = "A short run (the command's description says what it keeps).")
    public boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/lab-COMMAND).")
    Path out;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The inherited {@code --seed}. */
    public long seed() {
        return SeedOption.of(mixee);
    }

    /** {@code --json}, printing through the lab command. */
    public JsonOption json() {
        return json.within(mixee);
    }

    /** The output directory: {@code --out}, or {@code runs/lab-<command>}. */
    public Path out() {
        return out != null ? out : Path.of("runs", "lab-" + mixee.name());
    }
}
