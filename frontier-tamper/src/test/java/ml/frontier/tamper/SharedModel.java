package ml.frontier.tamper;

import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.testing.TestModels;

/** One small trained MLP shared by the test classes of this module (trained once per test JVM). */
final class SharedModel {

    private static NetworkModel model;

    private SharedModel() {}

    static synchronized NetworkModel mlp() {
        if (model == null) {
            model = TestModels.mlp(11);
        }
        return model;
    }
}
