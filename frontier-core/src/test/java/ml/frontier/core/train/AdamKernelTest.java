package ml.frontier.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.engine.Engines;
import ml.frontier.core.engine.Gradients;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.testing.TestModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The fused Adam (libtorch's {@code _fused_adam_} through TorchScript) against the engine's
 * per-parameter {@code adamUpdate}, which it replaced, on two copies of one network.
 *
 * <p>The copies go in lockstep: before each step the fused copy takes the engine copy's weights
 * and moments, so both kernels start every step from the same state and gradient along one
 * real training trajectory, and the difference after the step is the kernels' alone. (Free-running
 * copies drift further: Adam normalises each coordinate, so a near-zero gradient whose sign
 * differs by one rounding moves a weight by a whole step of 1e-3.)
 */
class AdamKernelTest {

    private static final int STEPS = 25;
    private static final double TOLERANCE = 1e-6;

    @ParameterizedTest(name = "{0}, clip {1}")
    @CsvSource({"mlp, 0", "mlp, 0.001", "cnn, 0"})
    void fusedGivesTheEngineUpdate(String architecture, float clip) {
        Map<String, String> hyper = architecture.equals("mlp") ? Map.of("hidden", "64") : Map.of();
        try (NetworkModel a = TestModels.untrained(architecture, hyper, 7);
             NetworkModel b = TestModels.untrained(architecture, hyper, 7);
             NetworkModel fresh = TestModels.untrained(architecture, hyper, 7)) {
            List<Parameter> pa = parameters(a), pb = parameters(b);
            Dataset data = TestModels.train(64 * STEPS);
            try (Adam engine = new Adam(pa, a.manager(), 1e-3f, 0.9f, 0.999f, 1e-8f, clip, Adam.Kernel.ENGINE);
                 Adam fused = new Adam(pb, b.manager(), 1e-3f, 0.9f, 0.999f, 1e-8f, clip, Adam.Kernel.FUSED)) {
                assertEquals(Adam.Kernel.FUSED, fused.kernel(), "float32 CPU parameters take the fused kernel");
                double worst = 0;
                for (int s = 0; s < STEPS; s++) {
                    Engines.withoutGradients(() -> {
                        a.snapshot().forEach(b::setValues);
                        return null;
                    });
                    fused.load(engine.state());
                    Dataset batch = data.slice(s * 64, (s + 1) * 64);
                    backward(a, batch);
                    backward(b, batch);
                    engine.step();
                    fused.step();
                    worst = Math.max(worst, maxDifference(pa, pb));
                    assertMomentsEqual(engine.state(), fused.state());
                }
                assertTrue(worst <= TOLERANCE, "weights differ by " + worst + " after one step");
                for (Parameter p : pb) {
                    assertEquals(0f, p.getArray().getGradient().abs().max().getFloat(), "gradient zeroed by the step");
                }
                System.out.printf("fused vs engine Adam, %s clip %s: %d steps, largest weight difference %.2e%n",
                        architecture, clip, STEPS, worst);
                double moved = maxDifference(parameters(fresh), pa);
                assertTrue(moved > 100 * TOLERANCE, "the steps moved the weights by only " + moved);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void otherTypesFallBackToTheEngine() {
        DataType type = DataType.FLOAT64;
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                    .optArray(m.ones(new Shape(3), type)).build();
            try (Adam adam = new Adam(List.of(p), m, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, Adam.Kernel.FUSED)) {
                assertEquals(Adam.Kernel.ENGINE, adam.kernel());
            }
        }
    }

    private static List<Parameter> parameters(NetworkModel model) {
        List<Parameter> out = new ArrayList<>();
        model.block().getParameters().forEach(p -> {
            p.getValue().freeze(false);
            out.add(p.getValue());
        });
        return out;
    }

    private static void backward(NetworkModel model, Dataset batch) {
        Gradients.run(gc -> {
            try (NDManager sub = model.manager().newSubManager()) {
                NDArray x = sub.create(batch.images().data(), new Shape(batch.images().djlShape()));
                NDArray y = sub.create(batch.labels()).toType(DataType.INT64, false).reshape(-1, 1);
                // evaluation mode: no dropout masks, so both copies see the same gradient
                NDArray logits = model.logits(new ParameterStore(sub, false), x, false);
                gc.backward(logits.logSoftmax(1).gather(y, 1).mean().neg());
                return null;
            }
        });
    }

    private static double maxDifference(List<Parameter> a, List<Parameter> b) {
        double worst = 0;
        for (int i = 0; i < a.size(); i++) {
            worst = Math.max(worst, maxAbs(a.get(i).getArray().toFloatArray(), b.get(i).getArray().toFloatArray()));
        }
        return worst;
    }

    private static void assertMomentsEqual(Adam.State a, Adam.State b) {
        assertEquals(a.step(), b.step());
        for (int i = 0; i < a.firstMoment().length; i++) {
            assertTrue(maxAbs(a.firstMoment()[i], b.firstMoment()[i]) <= TOLERANCE, "first moment " + i);
            assertTrue(maxAbs(a.secondMoment()[i], b.secondMoment()[i]) <= TOLERANCE, "second moment " + i);
        }
    }

    private static double maxAbs(float[] x, float[] y) {
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - y[i]));
        }
        return worst;
    }
}
