package ml.frontier.gan.grpc;

import ml.frontier.core.FrontierException;
import ml.frontier.core.engine.EngineThreads;
import ml.frontier.core.engine.Engines;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageGrid;
import ml.frontier.core.io.AtomicFiles;
import ml.frontier.gan.mdgan.MdGanServer;
import ml.frontier.gan.train.Latent;
import ml.frontier.gan.train.Seeds;
import ml.frontier.gan.transport.Traffic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Runs the MD-GAN server over a {@link GrpcTransport}: waits for the workers, then iterates
 * {@link MdGanServer} (generation, feedback, G update), orders the swaps, writes a checkpoint
 * every C iterations and at the end, and sample grids every I iterations.
 *
 * <p>The server is the in-process one over the run's data-free {@link ml.frontier.gan.mdgan.MdGanConfig}
 * (schedule, permutations and averaging included), so a networked run without faults trains
 * the same generator as {@code MdGanAlgorithm}. After {@code --resume}, the swaps continue
 * where they were and the latent stream from a seed derived from the resumed iteration.
 */
public final class NetServer {

    /** The checkpoint file in the output directory. */
    public static final String CHECKPOINT = "mdgan-server.ckpt";

    /**
     * @param iterations the iteration to train up to
     * @param checkpointEvery write a checkpoint every C iterations (0: only at the end)
     * @param evalEvery write a sample grid every I iterations (0: never)
     * @param out output directory (checkpoint, samples, per-iteration CSV)
     * @param resume continue from the checkpoint in {@code out} if there is one
     * @param joinTimeoutMs how long to wait for all N workers before starting with those present
     */
    public record Options(long iterations, int checkpointEvery, int evalEvery, Path out, boolean resume, long joinTimeoutMs) {
        public Options {
            if (iterations < 1 || checkpointEvery < 0 || evalEvery < 0 || joinTimeoutMs < 0) {
                throw new IllegalArgumentException("iterations must be positive, checkpoint and eval intervals not negative");
            }
        }
    }

    /** What a run did. */
    public record Result(long firstIteration, long lastIteration, double seconds, long swapRounds, long dropped, long refused,
                         double batchWireBytesPerIteration, double feedbackWireBytesPerIteration, long swapWireBytes,
                         Traffic traffic, Path checkpoint) {
        public double iterationsPerSecond() {
            return (lastIteration - firstIteration) / Math.max(1e-9, seconds);
        }
    }

    private final GrpcTransport transport;
    private final Options options;
    private final Consumer<String> log;

    public NetServer(GrpcTransport transport, Options options, Consumer<String> log) {
        this.transport = transport;
        this.options = options;
        this.log = log;
    }

    public Result run() throws FrontierException, InterruptedException {
        EngineThreads.prepareCurrentThread();
        NetRunConfig c = transport.config();
        Path ckptFile = options.out().resolve(CHECKPOINT);
        ServerCheckpoint ckpt = options.resume() ? ServerCheckpoint.readIfPresent(ckptFile, c) : null;
        if (options.resume() && ckpt == null) {
            log.accept("no checkpoint at " + ckptFile + "; starting from iteration 0");
        }
        long start = ckpt == null ? 0 : ckpt.iteration();
        transport.lastIteration(start);
        log.accept("MD-GAN server: run " + c.runId() + ", waiting for " + c.workers() + " workers");
        int joined = transport.awaitWorkers(c.workers(), options.joinTimeoutMs());
        if (joined == 0) {
            throw new FrontierException("no worker joined within " + options.joinTimeoutMs() + " ms");
        }
        log.accept(joined + " of " + c.workers() + " workers in; training from iteration " + (start + 1) + " to " + options.iterations());
        long shardSize = ckpt != null && ckpt.shardSize() > 0 ? ckpt.shardSize() : transport.shardSize();
        StringBuilder csv = new StringBuilder("iteration,live_workers,ms,batch_wire_bytes,feedback_wire_bytes\n");
        String join = MdGanRpc.JOIN.getFullMethodName(), fb = MdGanRpc.SUBMIT_FEEDBACK.getFullMethodName();
        long batchBytes = 0, feedbackBytes = 0;
        long t0 = System.nanoTime();
        long done = start;
        try (MdGanServer server = Engines.seeded(() -> new MdGanServer(c.mdGan(shardSize), transport))) {
            if (ckpt != null) {
                ckpt.restore(server.generator());
                server.resume(start, ckpt.swapRounds());
                log.accept("resumed from " + ckptFile + " at iteration " + start);
            }
            for (long it = start + 1; it <= options.iterations(); it++) {
                long ti = System.nanoTime();
                WireMeter.Count j0 = transport.wire().count(join), f0 = transport.wire().count(fb);
                server.iterate(it);
                WireMeter.Count j1 = transport.wire().count(join).minus(j0), f1 = transport.wire().count(fb).minus(f0);
                batchBytes += j1.bytesOut();
                feedbackBytes += f1.bytesIn();
                csv.append(it).append(',').append(transport.liveWorkers().length).append(',')
                        .append(String.format("%.2f", (System.nanoTime() - ti) / 1e6)).append(',').append(j1.bytesOut())
                        .append(',').append(f1.bytesIn()).append('\n');
                done = it;
                if (options.checkpointEvery() > 0 && it % options.checkpointEvery() == 0) {
                    write(ServerCheckpoint.of(c, server.generator(), it, server.swapRounds(), shardSize), ckptFile);
                }
                if (options.evalEvery() > 0 && it % options.evalEvery() == 0) {
                    samples(server, c, it);
                    log.accept(String.format("iteration %d: %d live workers, %.1f it/s", it, transport.liveWorkers().length,
                            (it - start) / ((System.nanoTime() - t0) / 1e9)));
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            write(ServerCheckpoint.of(c, server.generator(), done, server.swapRounds(), shardSize), ckptFile);
            try {
                AtomicFiles.writeString(options.out().resolve("mdgan-net-iterations.csv"), csv.toString());
            } catch (IOException e) {
                throw new FrontierException(options.out() + ": cannot write the iteration log (" + e.getMessage() + ")");
            }
            transport.finish("training finished at iteration " + done);
            long n = Math.max(1, done - start);
            return new Result(start, done, seconds, server.swapRounds(), transport.dropped(), transport.refused(),
                    (double) batchBytes / n, (double) feedbackBytes / n, transport.swapWireBytes(), transport.traffic(), ckptFile);
        }
    }

    private void write(ServerCheckpoint ckpt, Path file) throws FrontierException {
        try {
            ckpt.write(file);
        } catch (IOException e) {
            throw new FrontierException(file + ": cannot write the checkpoint (" + e.getMessage() + ")");
        }
    }

    private void samples(MdGanServer server, NetRunConfig c, long it) throws FrontierException {
        var a = c.architecture();
        Latent l = Latent.balanced(new Random(Seeds.derive(c.seed(), "samples", 0)), 100, a.latentSize(), a.numClasses());
        ImageBatch images = server.generator().images(l);
        Path png = options.out().resolve(String.format("samples-%06d.png", it));
        try {
            ImageGrid.writePng(images, 10, 2, png);
        } catch (IOException e) {
            throw new FrontierException(png + ": cannot write (" + e.getMessage() + ")");
        }
    }
}
