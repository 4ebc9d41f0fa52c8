package ml.frontier.cli.common;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of a mixin that groups a family's options (attack, lab): it reaches the inherited
 * {@code --seed} and its own {@code --json} through the command it is mixed into. (A mixin inside
 * a mixin is injected with the outer mixin, not the command, so it cannot do that alone.)
 */
public abstract class NestedOptions {

    @Spec(Spec.Target.MIXEE)
    protected CommandSpec command;

    @Mixin
    JsonOption json;

    /** The inherited {@code --seed}. */
    public long seed() {
        return SeedOption.of(command);
    }

    /** {@code --json}, printing through the command. */
    public JsonOption json() {
        return json.within(command);
    }
}
