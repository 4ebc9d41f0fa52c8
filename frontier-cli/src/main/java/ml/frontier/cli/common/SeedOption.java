package ml.frontier.cli.common;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The run's seed, for a command that uses one. {@code --seed} itself is declared once, on the root
 * command, and inherited by every subcommand ({@link GlobalOptions}); this mixin only reads it (an
 * option-less mixin must carry {@code @Command} for picocli to accept it).
 */
@Command
public final class SeedOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The {@code --seed} given to this command (or its default). */
    public long seed() {
        return of(mixee);
    }

    /**
     * Whether the user gave {@code --seed} (on this command or any parent), rather than taking the
     * default: a tamper check draws a secure order unless asked for a reproducible one.
     */
    public boolean given() {
        var pr = mixee.root().commandLine().getParseResult();
        while (pr != null) {
            if (pr.hasMatchedOption("--seed")) {
                return true;
            }
            pr = pr.subcommand();
        }
        return false;
    }

    /** The {@code --seed} of {@code command}; for mixins nested in mixins, whose MIXEE is the outer mixin. */
    public static long of(CommandSpec command) {
        var option = command.findOption("--seed");
        if (option == null) {
            throw new IllegalStateException(command.qualifiedName() + " is not under the frontier root command (no --seed)");
        }
        return option.<Long>getValue();
    }
}
