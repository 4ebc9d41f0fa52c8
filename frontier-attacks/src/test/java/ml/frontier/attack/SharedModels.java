package ml.frontier.attack;

import ml.frontier.core.data.TrainTest;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.testing.TestModels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small trained models shared by the attack tests of one JVM (trained once, never modified). */
public final class SharedModels {

    private static NetworkModel mlp;
    private static NetworkModel cnn;

    private SharedModels() {}

    /** TestModels.mlp(1): never attack it in place (attacks copy it). */
    public static synchronized NetworkModel mlp() {
        if (mlp == null) {
            mlp = TestModels.mlp(1);
        }
        return mlp;
    }

    /** A tiny CNN (4 and 8 filters, dense 16), one epoch on 1,000 images: conv tensors for the tests, cheaply. */
    public static synchronized NetworkModel cnn() {
        if (cnn == null) {
            cnn = TestModels.trained("cnn", Map.of("conv1", "4", "conv2", "8", "dense", "16"), 1, 1000, 1);
        }
        return cnn;
    }

    /** The default context: attacker holds the last third of the train set; 2,000 test images. */
    public static AttackContext context(long seed) {
        return AttackContext.of(TestModels.mnist(), seed, Progress.silent());
    }

    /** A small context: {@code attacker} attacker images, {@code test} test images. */
    public static AttackContext small(int attacker, int test, long seed) {
        TrainTest d = TestModels.mnist();
        return context(seed).withAttackerData(AttackContext.of(d, seed, Progress.silent()).attackerData().head(attacker))
                .withTest(d.test().head(test));
    }

    /** A Progress that records whether anything started (to show no work was done). */
    public static final class Recording implements Progress {
        public final List<String> tasks = new ArrayList<>();

        @Override
        public void start(String task, long total) {
            tasks.add(task);
        }

        @Override
        public void update(long done, String status) {}

        @Override
        public void finish(String summary) {}
    }
}
