package ml.frontier.cli.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import ml.frontier.core.io.ArrayBundle;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/**
 * {@code --json} for every command that reports something: the report becomes one JSON document
 * on stdout, and the human-readable lines move to stderr so a script can parse stdout as is.
 */
public final class JsonOption {

    @Option(names = "--json", description = "Print the result as one JSON document on stdout (other lines go to stderr).")
    public boolean json;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /**
     * The same option printing through {@code command}: for a JsonOption nested in another mixin,
     * whose MIXEE (what picocli injects) is that mixin, not the command.
     */
    public JsonOption within(CommandSpec command) {
        this.mixee = command;
        return this;
    }

    /** Where human-readable lines go: stdout, or stderr under {@code --json}. */
    public PrintWriter text() {
        return json ? mixee.commandLine().getErr() : mixee.commandLine().getOut();
    }

    /** Under {@code --json}, prints {@code report} (a record, map or list) as JSON on stdout. */
    public void print(Object report) {
        if (!json) {
            return;
        }
        try {
            PrintWriter out = mixee.commandLine().getOut();
            out.println(ArrayBundle.JSON.writeValueAsString(report));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON: " + e.getMessage(), e);
        }
    }
}
