package ml.frontier.lab.watermark;

import java.util.Map;

/**
 * One network of the study and how it is trained.
 *
 * @param architecture zoo name (mlp, cnn, irnn)
 * @param hyper zoo hyper-parameters overriding the defaults
 * @param epochs training epochs of the owner's model and of each null model
 * @param learningRate Adam learning rate for training
 * @param clip element-wise gradient clipping (the IRNN needs it), 0 for none
 */
public record NetSetup(String architecture, Map<String, String> hyper, int epochs, float learningRate, float clip) {

    public NetSetup {
        hyper = Map.copyOf(hyper);
        if (epochs < 1) {
            throw new IllegalArgumentException(architecture + ": epochs must be at least 1, got " + epochs);
        }
    }

    /** "cnn(conv1=8, conv2=16)" for reports. */
    public String label() {
        return hyper.isEmpty() ? architecture : architecture + new java.util.TreeMap<>(hyper);
    }
}
