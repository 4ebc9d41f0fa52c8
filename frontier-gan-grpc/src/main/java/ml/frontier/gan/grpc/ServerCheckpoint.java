package ml.frontier.gan.grpc;

import ml.frontier.core.FrontierException;
import ml.frontier.core.io.ArrayBundle;
import ml.frontier.core.io.Npy;
import ml.frontier.core.train.Adam;
import ml.frontier.gan.train.Generator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the MD-GAN server needs to continue after a crash: G's parameters and Adam state, the
 * last completed iteration, the swap rounds done and the shard size, tied to the run's
 * configuration. Stored as an {@link ArrayBundle} (zip of a JSON manifest and .npy arrays with
 * SHA-256), written atomically.
 */
public record ServerCheckpoint(String runId, long iteration, long swapRounds, long shardSize, float[][] parameters,
                               Adam.State adam) {

    public static final String KIND = "frontier-mdgan-server-checkpoint";

    public ServerCheckpoint {
        if (iteration < 0 || swapRounds < 0 || shardSize < 0) {
            throw new IllegalArgumentException("checkpoint counters must not be negative");
        }
        if (adam.firstMoment().length != parameters.length || adam.secondMoment().length != parameters.length) {
            throw new IllegalArgumentException("checkpoint: Adam state for " + adam.firstMoment().length + " parameters, G has "
                    + parameters.length);
        }
    }

    /** The state of {@code g} after iteration {@code iteration}. */
    public static ServerCheckpoint of(NetRunConfig config, Generator g, long iteration, long swapRounds, long shardSize) {
        return new ServerCheckpoint(config.runId(), iteration, swapRounds, shardSize, g.net().values(), g.adam().state());
    }

    /** Puts G and its optimiser back into {@code g}. */
    public void restore(Generator g) {
        g.net().setValues(parameters);
        g.adam().load(adam);
    }

    public void write(Path file) throws IOException {
        ArrayBundle b = ArrayBundle.create(KIND, 1);
        b.manifest().put("runId", runId).put("iteration", iteration).put("swapRounds", swapRounds)
                .put("shardSize", shardSize).put("parameters", parameters.length).put("adamStep", adam.step());
        for (int i = 0; i < parameters.length; i++) {
            b.putFloats("w" + i, parameters[i], parameters[i].length);
            b.putFloats("m" + i, adam.firstMoment()[i], parameters[i].length);
            b.putFloats("v" + i, adam.secondMoment()[i], parameters[i].length);
        }
        b.write(file);
    }

    /** Reads a checkpoint and checks that it belongs to {@code config}'s run. */
    public static ServerCheckpoint read(Path file, NetRunConfig config) throws FrontierException {
        ArrayBundle b = ArrayBundle.read(file, KIND);
        var m = b.manifest();
        String runId = m.path("runId").asText();
        if (!config.runId().equals(runId)) {
            throw new FrontierException(file + ": checkpoint of run " + runId + ", but these options make run " + config.runId()
                    + " (use the same --net, --workers, --batch, --k, --L, --epochs-per-swap and --seed)");
        }
        int n = m.path("parameters").asInt(-1);
        if (n < 0) {
            throw new FrontierException(file + ": checkpoint manifest has no parameter count");
        }
        float[][] w = new float[n][], fm = new float[n][], sm = new float[n][];
        for (int i = 0; i < n; i++) {
            w[i] = floats(b.array("w" + i));
            fm[i] = floats(b.array("m" + i));
            sm[i] = floats(b.array("v" + i));
        }
        try {
            return new ServerCheckpoint(runId, m.path("iteration").asLong(), m.path("swapRounds").asLong(),
                    m.path("shardSize").asLong(), w, new Adam.State(m.path("adamStep").asLong(), fm, sm));
        } catch (IllegalArgumentException e) {
            throw new FrontierException(file + ": " + e.getMessage());
        }
    }

    /** The checkpoint in {@code file} if it exists, else null. */
    public static ServerCheckpoint readIfPresent(Path file, NetRunConfig config) throws FrontierException {
        return Files.exists(file) ? read(file, config) : null;
    }

    private static float[] floats(Npy.Array a) throws FrontierException {
        if (a.floats() == null) {
            throw new FrontierException("checkpoint array is not float32");
        }
        return a.floats();
    }
}
