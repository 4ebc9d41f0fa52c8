package ml.frontier.gan.train;

import ml.frontier.core.data.Dataset;

import java.util.Arrays;
import java.util.Random;

/** Mini-batches of real data drawn without replacement from a shard, reshuffled each epoch. */
public final class RealSampler {

    private final Dataset shard;
    private final Random rng;
    private int[] order;
    private int next;

    public RealSampler(Dataset shard, long seed) {
        if (shard.size() == 0) {
            throw new IllegalArgumentException("empty data shard " + shard.name());
        }
        this.shard = shard;
        this.rng = new Random(seed);
        this.order = Dataset.permutation(shard.size(), rng);
    }

    public Dataset shard() {
        return shard;
    }

    /** The next {@code b} examples (wrapping into a new epoch when the shard runs out). */
    public Dataset next(int b) {
        int[] idx = new int[b];
        for (int i = 0; i < b; i++) {
            if (next == order.length) {
                order = Dataset.permutation(shard.size(), rng);
                next = 0;
            }
            idx[i] = order[next++];
        }
        return shard.select(Arrays.copyOf(idx, b));
    }
}
