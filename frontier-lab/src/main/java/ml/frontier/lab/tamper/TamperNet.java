package ml.frontier.lab.tamper;

import java.util.Map;

/**
 * One network of the study and how the owner trains it.
 *
 * @param architecture zoo name (mlp, cnn, irnn)
 * @param hyper hyper-parameters overriding the zoo's defaults
 * @param epochs training epochs
 * @param clip element-wise gradient clipping (the IRNN needs it), 0 for none
 */
public record TamperNet(String architecture, Map<String, String> hyper, int epochs, float clip) {

    public TamperNet {
        hyper = Map.copyOf(hyper);
        if (epochs < 1) {
            throw new IllegalArgumentException(architecture + ": epochs must be at least 1, got " + epochs);
        }
    }

    /** "cnn{conv1=8, …}" for reports. */
    public String label() {
        return hyper.isEmpty() ? architecture : architecture + new java.util.TreeMap<>(hyper);
    }
}
