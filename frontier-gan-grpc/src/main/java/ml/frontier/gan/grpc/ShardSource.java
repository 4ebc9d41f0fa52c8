package ml.frontier.gan.grpc;

import ml.frontier.core.data.Dataset;

/**
 * Where a worker's private data come from: shard i of N of a training set, cut exactly as the
 * in-process run cuts it ({@link ml.frontier.gan.GanSetup#shards()}, which depends on the run's
 * seed), or a shard directory used whole.
 */
public interface ShardSource {

    /** The number of examples the worker will hold, m (known before the run's seed). */
    long size();

    /** The examples of the shard for the run {@code config}. */
    Dataset shard(NetRunConfig config);

    /** Shard {@code index} of {@code count} of {@code train}, cut as the in-process run does. */
    static ShardSource split(Dataset train, int index, int count) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + ": need 0 <= i < N");
        }
        return new ShardSource() {
            @Override
            public long size() {
                return train.size() / count;
            }

            @Override
            public Dataset shard(NetRunConfig config) {
                if (config.workers() != count) {
                    throw new IllegalArgumentException("this worker holds shard " + index + "/" + count
                            + " but the server runs " + config.workers() + " workers");
                }
                return config.setup(train).shards().get(index);
            }
        };
    }

    /** All of {@code shard} (e.g. a directory written by {@code frontier gan shard}). */
    static ShardSource whole(Dataset shard) {
        return new ShardSource() {
            @Override
            public long size() {
                return shard.size();
            }

            @Override
            public Dataset shard(NetRunConfig config) {
                return shard;
            }
        };
    }
}
