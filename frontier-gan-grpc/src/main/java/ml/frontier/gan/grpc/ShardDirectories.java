package ml.frontier.gan.grpc;

import ml.frontier.core.FrontierException;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.data.DatasetLoader;
import ml.frontier.core.data.IdxWriter;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.io.AtomicFiles;
import ml.frontier.gan.train.Seeds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a dataset into N shard directories, one per worker machine: {@code OUT/shard-i/} holds
 * the shard as IDX files ({@code train-*}; the test set as {@code t10k-*}) and a marker file
 * saying which shard it is. The split is the in-process one ({@link ml.frontier.gan.GanSetup#shards()}:
 * a seeded shuffle cut into N equal parts), so {@code --seed} must be the run's seed for an
 * identical split (IDX stores pixels as bytes, so values are rounded to 1/255).
 */
public final class ShardDirectories {

    /** The marker file in each shard directory. */
    public static final String MARKER = "frontier-shard.properties";

    private ShardDirectories() {}

    /** Writes {@code shards} directories under {@code out}; returns them. */
    public static List<Path> write(TrainTest data, int shards, long seed, Path out) throws FrontierException {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1, got " + shards);
        }
        Dataset train = data.train();
        if (train.images().channels() != 1) {
            throw new FrontierException("shard directories hold IDX files, which are single-channel; " + train.name()
                    + " has " + train.images().channels() + " channels");
        }
        Dataset shuffled = train.shuffled(Seeds.derive(seed, "shards", 0));
        int m = shuffled.size() / shards;
        if (m == 0) {
            throw new FrontierException(train.size() + " training examples cannot make " + shards + " shards");
        }
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            Path dir = out.resolve("shard-" + i);
            try {
                IdxWriter.write(shuffled.slice(i * m, (i + 1) * m), dir, "train");
                IdxWriter.write(data.test(), dir, "t10k");
                AtomicFiles.writeString(dir.resolve(MARKER), "shard=" + i + "\nshards=" + shards + "\nseed=" + seed
                        + "\nsource=" + train.name() + "\nexamples=" + m + "\n");
            } catch (IOException e) {
                throw new FrontierException(dir + ": cannot write the shard (" + e.getMessage() + ")");
            }
            dirs.add(dir);
        }
        return dirs;
    }

    /** Whether {@code dir} was written by {@link #write}. */
    public static boolean isShard(Path dir) {
        return Files.isRegularFile(dir.resolve(MARKER));
    }

    /**
     * The data of worker {@code index} of {@code count} for {@code --data spec}: a shard directory
     * is used whole; anything else ({@code mnist}, {@code fashion}, a dataset directory) is
     * split as the in-process run splits it.
     */
    public static ShardSource source(String spec, int index, int count) throws FrontierException {
        if (spec != null && !spec.isBlank() && Files.isDirectory(Path.of(spec)) && isShard(Path.of(spec))) {
            return ShardSource.whole(DatasetLoader.load(spec).train());
        }
        return ShardSource.split(DatasetLoader.load(spec).train(), index, count);
    }
}
