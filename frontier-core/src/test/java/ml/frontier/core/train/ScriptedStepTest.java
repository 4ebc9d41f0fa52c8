package ml.frontier.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.engine.Engines;
import ml.frontier.core.engine.Gradients;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The scripted step (one TorchScript call per batch) against the eager loop it stands in for.
 *
 * <p>In lockstep, as in {@link AdamKernelTest}: before each step the scripted copy takes the
 * eager copy's weights and moments, both run one step on the same batch with dropout off, and
 * the weights and moments must then agree; the scripted forward is the zoo network's, so only
 * the order of floating-point operations may differ.
 */
class ScriptedStepTest {

    private static final int STEPS = 20;
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest(name = "{0} {1}, clip {2}")
    @CsvSource({"mlp, 64, 0", "mlp, 64, 0.001", "cnn, 0, 0"})
    void oneScriptedStepIsOneEagerStep(String architecture, int hidden, float clip) {
        Map<String, String> hyper = hidden > 0 ? Map.of("hidden", Integer.toString(hidden)) : Map.of();
        try (NetworkModel a = TestModels.untrained(architecture, hyper, 3);
             NetworkModel b = TestModels.untrained(architecture, hyper, 3)) {
            List<Parameter> pa = parameters(a), pb = parameters(b);
            Dataset data = TestModels.train(64 * STEPS);
            try (Adam eager = new Adam(pa, a.manager(), 1e-3f, 0.9f, 0.999f, 1e-8f, clip);
                 Adam fused = new Adam(pb, b.manager(), 1e-3f, 0.9f, 0.999f, 1e-8f, clip)) {
                ScriptedStep scripted = ScriptedStep.of(b, fused);
                assertNotNull(scripted, "the zoo's " + architecture + " has a scripted step");
                double worstW = 0, worstLoss = 0;
                for (int s = 0; s < STEPS; s++) {
                    Engines.withoutGradients(() -> {
                        a.snapshot().forEach(b::setValues);
                        return null;
                    });
                    fused.load(eager.state());
                    Dataset batch = data.slice(s * 64, (s + 1) * 64);
                    float eagerLoss = eagerStep(a, batch, eager);
                    float[] stats = Gradients.run(gc -> {
                        try (NDManager sub = b.manager().newSubManager()) {
                            return scripted.run(sub, images(sub, batch), labels(sub, batch), fused, false);
                        }
                    });
                    worstLoss = Math.max(worstLoss, Math.abs(stats[0] - eagerLoss));
                    worstW = Math.max(worstW, maxDifference(pa, pb));
                    assertEquals(eager.steps(), fused.steps());
                    assertStatesClose(eager.state(), fused.state());
                }
                System.out.printf("scripted vs eager step, %s clip %s: %d steps, weights within %.2e, loss within %.2e%n",
                        architecture, clip, STEPS, worstW, worstLoss);
                assertTrue(worstW <= TOLERANCE, "weights differ by " + worstW);
                assertTrue(worstLoss <= 1e-5, "losses differ by " + worstLoss);
            }
        }
    }

    @Test
    void trainerWithScriptedStepsLearnsAndIsReproducible() throws Exception {
        Dataset train = TestModels.train(4000);
        double[] acc = new double[2];
        String[] hash = new String[2];
        for (int i = 0; i < 2; i++) {
            try (NetworkModel m = TestModels.untrained("mlp", Map.of("hidden", "128"), 5)) {
                new ClassifierTrainer(TrainingConfig.builder().optEpochs(1).build(), Progress.silent()).train(m, train, null);
                acc[i] = Evaluation.accuracy(new DjlClassifier(m), TestModels.test(1000));
                hash[i] = m.sha256();
            }
        }
        assertTrue(acc[0] > 0.85, "accuracy after one scripted epoch " + acc[0]);
        assertEquals(hash[0], hash[1], "same seed, same model");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mlp", "cnn"})
    void scriptedTrainingGivesTheEagerModel(String architecture) throws Exception {
        Dataset train = TestModels.train(1000);
        String[] hash = new String[2];
        for (int i = 0; i < 2; i++) {
            try (NetworkModel m = TestModels.untrained(architecture, Map.of(), 6)) {
                TrainingConfig config = TrainingConfig.builder().optEpochs(1).optScriptedStep(i == 0).build();
                TrainingReport report = new ClassifierTrainer(config, Progress.silent()).train(m, train, null);
                hash[i] = m.sha256();
                // the scripted step has no separate backward phase: the proof that it ran
                double backward = report.epochs().get(0).phases().backward();
                assertEquals(i == 0, backward == 0, "backward phase " + backward + " s, scripted " + (i == 0));
            }
        }
        // dropout draws from libtorch's generator in the same order on both paths, so the masks match
        assertEquals(hash[1], hash[0], "scripted and eager training of one seed give one model");
    }

    @Test
    void frozenParametersTakeTheEagerLoop() {
        try (NetworkModel m = TestModels.untrained("mlp", Map.of("hidden", "16"), 2)) {
            List<Parameter> last = new ArrayList<>();
            m.block().getParameters().forEach(p -> {
                if (m.isLastLayer(p.getKey())) {
                    last.add(p.getValue());
                }
            });
            try (Adam adam = new Adam(last, m.manager(), 1e-3f)) {
                assertNull(ScriptedStep.of(m, adam));
            }
        }
    }

    private static float eagerStep(NetworkModel model, Dataset batch, Adam adam) {
        float loss = Gradients.run(gc -> {
            try (NDManager sub = model.manager().newSubManager()) {
                NDArray logits = model.logits(new ParameterStore(sub, false), images(sub, batch), false);
                NDArray l = logits.logSoftmax(1).gather(labels(sub, batch).reshape(-1, 1), 1).mean().neg();
                gc.backward(l);
                return l.getFloat();
            }
        });
        adam.step();
        return loss;
    }

    private static NDArray images(NDManager m, Dataset batch) {
        return m.create(batch.images().data(), new Shape(batch.images().djlShape()));
    }

    private static NDArray labels(NDManager m, Dataset batch) {
        return m.create(batch.labels()).toType(DataType.INT64, false);
    }

    private static List<Parameter> parameters(NetworkModel model) {
        List<Parameter> out = new ArrayList<>();
        model.block().getParameters().forEach(p -> {
            p.getValue().freeze(false);
            out.add(p.getValue());
        });
        return out;
    }

    private static double maxDifference(List<Parameter> a, List<Parameter> b) {
        double worst = 0;
        for (int i = 0; i < a.size(); i++) {
            float[] x = a.get(i).getArray().toFloatArray(), y = b.get(i).getArray().toFloatArray();
            for (int j = 0; j < x.length; j++) {
                worst = Math.max(worst, Math.abs(x[j] - y[j]));
            }
        }
        return worst;
    }

    private static void assertStatesClose(Adam.State a, Adam.State b) {
        for (int i = 0; i < a.firstMoment().length; i++) {
            for (int j = 0; j < a.firstMoment()[i].length; j++) {
                assertEquals(a.firstMoment()[i][j], b.firstMoment()[i][j], 1e-6, "first moment " + i);
                assertEquals(a.secondMoment()[i][j], b.secondMoment()[i][j], 1e-8, "second moment " + i);
            }
        }
    }
}
