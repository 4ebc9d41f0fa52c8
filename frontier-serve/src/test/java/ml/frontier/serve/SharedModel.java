package ml.frontier.serve;

import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.testing.TestModels;

/**
 * One trained test MLP for every serve test class in the JVM: training it is most of a test
 * class's time, and no test changes it. It is never closed; the test JVM's exit frees it.
 */
public final class SharedModel {

    private static NetworkModel model;

    private SharedModel() {}

    /** {@code TestModels.mlp(1)}, trained on first use. */
    public static synchronized NetworkModel mlp() {
        if (model == null) {
            model = TestModels.mlp(1);
        }
        return model;
    }
}
