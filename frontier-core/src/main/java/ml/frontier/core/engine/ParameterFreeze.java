package ml.frontier.core.engine;

import ai.djl.nn.Parameter;

import java.util.List;
import java.util.function.Supplier;

/**
 * Sets parameters' gradient flags for one pass, then puts each back as it was.
 *
 * <p>An input-gradient pass freezes the weights (no gradient accumulates into them); a
 * weight-gradient pass unfreezes the trainable ones (a copy or a model read from a file may hold
 * them frozen). Either way the caller's model is left as it was found, even when the pass fails.
 */
public final class ParameterFreeze {

    private ParameterFreeze() {}

    /** Runs {@code pass} with every parameter of {@code params} frozen. */
    public static <T> T frozen(List<Parameter> params, Supplier<T> pass) {
        return with(params, true, pass);
    }

    /** Runs {@code pass} with every parameter of {@code params} requiring gradients. */
    public static <T> T unfrozen(List<Parameter> params, Supplier<T> pass) {
        return with(params, false, pass);
    }

    private static <T> T with(List<Parameter> params, boolean freeze, Supplier<T> pass) {
        boolean[] required = new boolean[params.size()];
        for (int i = 0; i < required.length; i++) {
            required[i] = params.get(i).requiresGradient();
        }
        try {
            params.forEach(p -> p.freeze(freeze));
            return pass.get();
        } finally {
            for (int i = 0; i < required.length; i++) {
                params.get(i).freeze(!required[i]);
            }
        }
    }
}
