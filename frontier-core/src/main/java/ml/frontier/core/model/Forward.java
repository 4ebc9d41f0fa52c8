package ml.frontier.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;

/**
 * Forward passes that also return the penultimate features (the input of the last layer):
 * sensitive-sample markers and the Fréchet distance need them.
 */
public final class Forward {

    private Forward() {}

    /** Logits and the features that enter the last layer. */
    public record WithFeatures(NDArray features, NDArray logits) {}

    /** A block that can return its penultimate features itself. */
    public interface FeatureBlock {
        WithFeatures forwardWithFeatures(ParameterStore ps, NDArray x, boolean training);
    }

    public static NDArray logits(Block block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    public static WithFeatures withFeatures(Block block, ParameterStore ps, NDArray x, boolean training) {
        if (block instanceof FeatureBlock fb) {
            return fb.forwardWithFeatures(ps, x, training);
        }
        if (block instanceof SequentialBlock seq) {
            NDList cur = new NDList(x);
            var children = seq.getChildren();
            for (int i = 0; i < children.size() - 1; i++) {
                cur = children.get(i).getValue().forward(ps, cur, training);
            }
            NDArray features = cur.singletonOrThrow();
            NDArray logits = children.get(children.size() - 1).getValue().forward(ps, cur, training).singletonOrThrow();
            return new WithFeatures(features, logits);
        }
        throw new UnsupportedOperationException("cannot read the penultimate features of " + block.getClass().getSimpleName());
    }
}
