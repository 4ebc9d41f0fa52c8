package ml.frontier.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ml.frontier.core.engine.Engines;

import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba, 2015) over a fixed list of parameters, with optional element-wise
 * gradient clipping.
 *
 * <p>Written here rather than taken from DJL's trainer because Frontier needs what DJL hides:
 * the moments themselves (MD-GAN swaps a discriminator with its optimizer state), and exact
 * control of when gradients are zeroed (after every step).
 */
public final class Adam implements AutoCloseable {

    /** The optimizer's state, as Java arrays (one entry per parameter, in order). */
    public record State(long step, float[][] firstMoment, float[][] secondMoment) {}

    /** Which native update runs the step: both compute the same textbook Adam. */
    public enum Kernel {
        /** libtorch's fused Adam, one call for all parameters ({@link FusedAdamKernel}). */
        FUSED,
        /** The engine's {@code adamUpdate}, one call per parameter: the fallback for other types. */
        ENGINE
    }

    private final List<Parameter> parameters;
    private final NDManager manager;
    private final NDArray[] m;
    private final NDArray[] v;
    private final float learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float clip;
    private final Kernel kernel;
    private long t;

    public Adam(List<Parameter> parameters, NDManager parent, float learningRate) {
        this(parameters, parent, learningRate, 0.9f, 0.999f, 1e-8f, 0f);
    }

    /**
     * @param clip clip each gradient value to [-clip, clip] before the update; 0 for none
     */
    public Adam(List<Parameter> parameters, NDManager parent, float learningRate, float beta1, float beta2,
                float epsilon, float clip) {
        this(parameters, parent, learningRate, beta1, beta2, epsilon, clip, Kernel.FUSED);
    }

    /** As above with the kernel chosen (benchmarks compare them); the fused one falls back to the engine's where it cannot run. */
    public Adam(List<Parameter> parameters, NDManager parent, float learningRate, float beta1, float beta2,
         float epsilon, float clip, Kernel kernel) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        this.parameters = List.copyOf(parameters);
        this.manager = parent.newSubManager();
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.clip = clip;
        m = new NDArray[parameters.size()];
        v = new NDArray[parameters.size()];
        for (int i = 0; i < m.length; i++) {
            NDArray w = this.parameters.get(i).getArray();
            m[i] = manager.zeros(w.getShape());
            v[i] = manager.zeros(w.getShape());
        }
        List<NDArray> weights = new ArrayList<>();
        this.parameters.forEach(p -> weights.add(p.getArray()));
        this.kernel = kernel == Kernel.FUSED && FusedAdamKernel.supports(weights) ? Kernel.FUSED : Kernel.ENGINE;
    }

    /**
     * Applies one update from the parameters' accumulated gradients (parameters without one are
     * left alone), then zeroes them: PyTorch accumulates gradients across backward passes.
     */
    public void step() {
        Engines.withoutGradients(() -> {
            update();
            return null;
        });
    }

    private void update() {
        t++;
        // gradient handles and everything derived from them live in a scratch manager, because
        // arrays made from a parameter's gradient otherwise attach to the model and pile up
        try (NDManager scratch = manager.newSubManager()) {
            List<Integer> live = new ArrayList<>();
            List<NDArray> grads = new ArrayList<>();
            for (int i = 0; i < m.length; i++) {
                NDArray w = parameters.get(i).getArray();
                if (w.hasGradient()) {
                    NDArray grad = w.getGradient();
                    grad.attach(scratch);
                    grads.add(grad);
                    live.add(i);
                }
            }
            if (live.isEmpty()) {
                return;
            }
            if (kernel == Kernel.FUSED) {
                fused(live, grads, scratch);
            } else {
                engine(live, grads);
            }
        }
    }

    private void fused(List<Integer> live, List<NDArray> grads, NDManager scratch) {
        List<NDArray> w = new ArrayList<>(), fm = new ArrayList<>(), sm = new ArrayList<>();
        for (int i : live) {
            w.add(parameters.get(i).getArray());
            fm.add(m[i]);
            sm.add(v[i]);
        }
        FusedAdamKernel.update(w, grads, fm, sm, scratch.create((float) t), learningRate, beta1, beta2, epsilon,
                clip);
    }

    /**
     * One engine call per parameter, which also zeroes its gradient. The engine computes
     * {@code w -= lr·√(1-β2ᵗ)/(1-β1ᵗ) · m / (√v + ε̂)}; passing {@code ε̂ = ε·√(1-β2ᵗ)} makes it
     * exactly {@code lr · m̂ / (√v̂ + ε)}, the textbook update.
     */
    private void engine(List<Integer> live, List<NDArray> grads) {
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        float corrected = (float) (learningRate * Math.sqrt(c2) / c1);
        float epsHat = (float) (epsilon * Math.sqrt(c2));
        for (int j = 0; j < live.size(); j++) {
            int i = live.get(j);
            NDArray w = parameters.get(i).getArray();
            // the engine's own clipping clamps only from above, so both sides are clipped here
            NDArray g = clip > 0 ? grads.get(j).clip(-clip, clip) : grads.get(j);
            w.getNDArrayInternal().adamUpdate(new NDList(w, g, m[i], v[i]), new NDList(w),
                    learningRate, corrected, 0f, 1f, -1f, beta1, beta2, epsHat, true, false);
        }
    }

    /** The parameters, in the order of the moments. */
    List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Counts one step whose update a {@link ScriptedStep} runs itself (fused, in place on
     * {@link #firstMoments} and {@link #secondMoments}); returns the new step count t.
     */
    long countScriptedStep() {
        return ++t;
    }

    List<NDArray> firstMoments() {
        return List.of(m);
    }

    List<NDArray> secondMoments() {
        return List.of(v);
    }

    /** {lr, β1, β2, ε, clip}: the update's settings, for a scripted step. */
    float[] settings() {
        return new float[] {learningRate, beta1, beta2, epsilon, clip};
    }

    /** The kernel in use, after any fallback. */
    public Kernel kernel() {
        return kernel;
    }

    public long steps() {
        return t;
    }

    public State state() {
        float[][] fm = new float[m.length][];
        float[][] sm = new float[v.length][];
        for (int i = 0; i < m.length; i++) {
            fm[i] = m[i].toFloatArray();
            sm[i] = v[i].toFloatArray();
        }
        return new State(t, fm, sm);
    }

    /** Restores a state taken from an optimizer over parameters of the same shapes. */
    public void load(State s) {
        if (s.firstMoment().length != m.length || s.secondMoment().length != v.length) {
            throw new IllegalArgumentException("optimizer state for " + s.firstMoment().length
                    + " parameters, this optimizer has " + m.length);
        }
        for (int i = 0; i < m.length; i++) {
            if (s.firstMoment()[i].length != m[i].size() || s.secondMoment()[i].length != v[i].size()) {
                throw new IllegalArgumentException("optimizer state for parameter " + i + " has the wrong size");
            }
            m[i].set(s.firstMoment()[i]);
            v[i].set(s.secondMoment()[i]);
        }
        t = s.step();
    }

    @Override
    public void close() {
        manager.close();
    }
}
