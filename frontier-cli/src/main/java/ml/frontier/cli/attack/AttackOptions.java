package ml.frontier.cli.attack;

import ml.frontier.cli.common.DataOption;
import ml.frontier.cli.common.ModelInputOptions;
import ml.frontier.cli.common.NestedOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options every attack command takes: input and output model, data, seed, attacker share, JSON. */
public final class AttackOptions extends NestedOptions {

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "The model to attack: a Frontier model file or TorchScript, recognised from its content.")
    public Path model;

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "FILE",
            description = "Where to write the attacked model (in the input's format; TorchScript gets a .frontier.json sidecar).")
    public Path out;

    @Mixin
    public ModelInputOptions input = new ModelInputOptions();

    @Option(names = "--attacker-fraction", defaultValue = "0.3333333333333333", paramLabel = "F",
            description = "Share of the training set the attacker holds (its last part, disjoint from the owner's), "
                    + "in (0,1) (default: a third).")
    public double attackerFraction;

    @Mixin
    public DataOption data;

}
