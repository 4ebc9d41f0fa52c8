package ml.frontier.lab.speed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import java.util.List;

/**
 * Adam as one native call per parameter: the PyTorch engine's fused {@code adamUpdate} updates
 * the weight and both moments in place, and zeroes the gradient — one JNI call per
 * parameter instead of the fifteen NDArray operations (five of them allocating) of core's Adam.
 *
 * <p>The update is the same as core's: the engine computes
 * {@code w -= lr·√(1-β2ᵗ)/(1-β1ᵗ) · m / (√v + ε̂)}, and passing {@code ε̂ = ε·√(1-β2ᵗ)} makes it equal
 * to {@code lr · m̂ / (√v̂ + ε)}.
 */
final class FusedAdam implements AutoCloseable {

    private final List<Parameter> parameters;
    private final NDManager manager;
    private final NDArray[] m;
    private final NDArray[] v;
    private final float learningRate;
    private final float beta1 = 0.9f;
    private final float beta2 = 0.999f;
    private final float epsilon = 1e-8f;
    private long t;

    FusedAdam(List<Parameter> parameters, NDManager parent, float learningRate) {
        this.parameters = List.copyOf(parameters);
        this.manager = parent.newSubManager();
        this.learningRate = learningRate;
        m = new NDArray[this.parameters.size()];
        v = new NDArray[this.parameters.size()];
        for (int i = 0; i < m.length; i++) {
            NDArray w = this.parameters.get(i).getArray();
            m[i] = manager.zeros(w.getShape());
            v[i] = manager.zeros(w.getShape());
        }
    }

    void step() {
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        float corrected = (float) (learningRate * Math.sqrt(c2) / c1);
        float epsHat = (float) (epsilon * Math.sqrt(c2));
        for (int i = 0; i < m.length; i++) {
            NDArray w = parameters.get(i).getArray();
            if (!w.hasGradient()) {
                continue;
            }
            try (NDArray g = w.getGradient()) {
                // updates w, m and v in place, then zeroes w's gradient
                w.getNDArrayInternal().adamUpdate(new NDList(w, g, m[i], v[i]), new NDList(w),
                        learningRate, corrected, 0f, 1f, -1f, beta1, beta2, epsHat, true, false);
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
