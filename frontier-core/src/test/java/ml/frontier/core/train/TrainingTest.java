package ml.frontier.core.train;

import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.testing.TestModels;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class TrainingTest {

    @Test
    void mlpAndCnnLearnTheEmbeddedDigits() throws Exception {
        try (NetworkModel mlp = TestModels.mlp(1); NetworkModel cnn = TestModels.cnn(1)) {
            double a = Evaluation.accuracy(new DjlClassifier(mlp), TestModels.test(1000));
            double b = Evaluation.accuracy(new DjlClassifier(cnn), TestModels.test(1000));
            assertTrue(a > 0.85, "mlp accuracy " + a);
            assertTrue(b > 0.85, "cnn accuracy " + b);
        }
    }

    @Test
    void sameSeedSameModel() {
        try (NetworkModel a = TestModels.trained("mlp", Map.of("hidden", "32"), 5, 1000, 1);
             NetworkModel b = TestModels.trained("mlp", Map.of("hidden", "32"), 5, 1000, 1);
             NetworkModel c = TestModels.trained("mlp", Map.of("hidden", "32"), 6, 1000, 1)) {
            assertEquals(a.sha256(), b.sha256());
            assertNotEquals(a.sha256(), c.sha256());
        }
    }

    @Test
    void irnnLearnsWellAboveChance() throws Exception {
        try (NetworkModel irnn = TestModels.untrained("irnn", Map.of("steps", "28"), 1)) {
            new ClassifierTrainer(TrainingConfig.builder().optEpochs(1).optClip(1f).build(), Progress.silent())
                    .train(irnn, TestModels.train(3000), null);
            double acc = Evaluation.accuracy(new DjlClassifier(irnn), TestModels.test(500));
            assertTrue(acc > 0.4, "irnn accuracy " + acc);
        }
    }

    @Test
    void frozenParametersKeepTheirValues() throws Exception {
        try (NetworkModel m = TestModels.untrained("mlp", Map.of("hidden", "32"), 2)) {
            var before = m.snapshot();
            new ClassifierTrainer(TrainingConfig.builder().optEpochs(1).optTrainable(m::isLastLayer).build(), Progress.silent())
                    .train(m, TestModels.train(500), null);
            for (String n : m.parameterNames()) {
                boolean changed = !java.util.Arrays.equals(before.get(n), m.values(n));
                assertEquals(m.isLastLayer(n), changed, n);
            }
        }
    }

    @Test
    void clippedTrainingLeavesNoArraysInTheModelsManager() throws Exception {
        try (NetworkModel m = TestModels.untrained("mlp", Map.of("hidden", "16"), 4)) {
            var trainer = new ClassifierTrainer(TrainingConfig.builder().optEpochs(1).optClip(0.01f).build(), Progress.silent());
            trainer.train(m, TestModels.train(256), null);
            int before = m.manager().getManagedArrays().size();
            trainer.train(m, TestModels.train(2048), null);
            assertEquals(before, m.manager().getManagedArrays().size(), "arrays left behind by 32 clipped steps");
        }
    }

    @Test
    void badConfigurationIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().optBatchSize(0).build());
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().optLearningRate(-1).build());
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().optEpochs(-1).build());
    }

    @Test
    void adamStateRoundTrips() {
        try (NetworkModel m = TestModels.untrained("mlp", Map.of("hidden", "16"), 3)) {
            var params = new java.util.ArrayList<ai.djl.nn.Parameter>();
            m.block().getParameters().forEach(p -> params.add(p.getValue()));
            try (Adam a = new Adam(params, m.manager(), 1e-3f); Adam b = new Adam(params, m.manager(), 1e-3f)) {
                Adam.State s = new Adam.State(4, fill(params, 0.5f), fill(params, 0.25f));
                a.load(s);
                Adam.State back = a.state();
                assertEquals(4, back.step());
                assertEquals(0.5f, back.firstMoment()[0][0]);
                assertEquals(0.25f, back.secondMoment()[1][0]);
                assertThrows(IllegalArgumentException.class, () -> b.load(new Adam.State(1, new float[1][], new float[1][])));
            }
        }
    }

    private static float[][] fill(java.util.List<ai.djl.nn.Parameter> params, float v) {
        float[][] out = new float[params.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new float[(int) params.get(i).getArray().size()];
            java.util.Arrays.fill(out[i], v);
        }
        return out;
    }
}
