package ml.frontier.cli.attack;

import ml.frontier.attack.trojan.Trigger;
import ml.frontier.attack.trojan.TriggerPattern;
import ml.frontier.attack.trojan.Trojaning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code frontier attack trojan}: stamp a trigger on some attacker images relabelled to a target, retrain. */
@Command(name = "trojan",
        description = "Trojan the model: a trigger patch on a fraction of the attacker's images, relabelled to "
                + "the target class, then retraining; reports the attack success rate on triggered test images.")
public final class TrojanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AttackOptions options;

    @Option(names = "--target", required = true, description = "The class triggered images should go to.")
    int target;

    @Option(names = "--patch", defaultValue = "4", description = "Trigger side in pixels (default: ${DEFAULT-VALUE}).")
    int patch;

    @Option(names = "--position", paramLabel = "X,Y",
            description = "Column and row of the patch's top-left corner (default: the bottom-right corner).")
    String position;

    @Option(names = "--pattern", defaultValue = "square", paramLabel = "square|checker|random",
            description = "Trigger pattern; random is fixed by --seed (default: ${DEFAULT-VALUE}).")
    String pattern;

    @Option(names = "--fraction", defaultValue = "0.1",
            description = "Poisoned copies added, as a fraction (0,1] of the attacker's data (default: ${DEFAULT-VALUE}).")
    double fraction;

    @Option(names = "--epochs", defaultValue = "2", description = "Retraining epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Override
    public Integer call() throws Exception {
        TriggerPattern p = TriggerPattern.parse(pattern);
        Trigger trigger = position == null ? Trigger.corner(patch, p, options.seed()) : at(p);
        var attack = Trojaning.builder().setTrigger(trigger).setTargetClass(target).optPoisonFraction(fraction)
                .optEpochs(epochs).optLearningRate(learningRate).build();
        return AttackRunner.run(spec, options, attack);
    }

    private Trigger at(TriggerPattern p) {
        String[] xy = position.split(",");
        try {
            if (xy.length != 2) {
                throw new NumberFormatException();
            }
            return Trigger.at(patch, Integer.parseInt(xy[0].trim()), Integer.parseInt(xy[1].trim()), p, options.seed());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--position must be X,Y (two integers), got '" + position + "'");
        }
    }
}
