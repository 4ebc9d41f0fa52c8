package ml.frontier.core.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

import java.util.Map;

/**
 * A network of the zoo: builds a DJL block from a {@link ModelSpec}.
 *
 * <p>{@link #initialize} runs after DJL's default initialisation, for architectures whose paper
 * prescribes a particular one (the IRNN's identity recurrent weights).
 */
public interface Architecture {

    /** The name used on the command line and in model files. */
    String name();

    /** One line for {@code --help} and {@code frontier info}. */
    String description();

    /** The hyper-parameters and their defaults. */
    Map<String, String> defaults();

    /** Builds the (uninitialised) block. */
    Block build(ModelSpec spec);

    /**
     * The bundled TorchScript training step that computes this network's forward pass from its
     * parameters (core's ClassifierTrainer then runs a whole step in one native call), or null.
     *
     * @param name the step's resource is {@code step-<name>.pt} in {@code ml/frontier/core/train}
     * @param dropout1 the rate of the first dropout layer (hyper-parameters the script cannot read)
     * @param dropout2 the rate of the second
     */
    record StepScript(String name, float dropout1, float dropout2) {}

    /** This network's {@link StepScript} under {@code spec}, or null when it has none. */
    default StepScript stepScript(ModelSpec spec) {
        return null;
    }

    /** The last layer's weight, which fine-tuning attacks re-initialise and FTLL trains alone. */
    default boolean isLastLayer(String parameterName, Block block) {
        String last = null;
        for (var p : block.getParameters()) {
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                last = p.getKey();
            }
        }
        String prefix = last == null ? "" : last.substring(0, last.lastIndexOf('_') + 1);
        return last != null && parameterName.startsWith(prefix);
    }

    /** Custom initialisation after DJL's default one; {@code seed} makes it reproducible. */
    default void initialize(Block block, ModelSpec spec, long seed) {}
}
