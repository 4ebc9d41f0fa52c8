package ml.frontier.cli.common;

import ml.frontier.core.progress.Progress;
import picocli.CommandLine;

/** Progress for a command: a bar on a terminal, plain lines in logs and CI. */
public final class Terminal {

    private Terminal() {}

    public static boolean interactive() {
        return System.console() != null && System.getenv("CI") == null;
    }

    public static Progress progress(CommandLine.Model.CommandSpec spec) {
        return Progress.to(spec.commandLine().getErr(), interactive());
    }
}
