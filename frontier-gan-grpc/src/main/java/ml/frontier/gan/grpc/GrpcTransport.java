package ml.frontier.gan.grpc;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import ml.frontier.gan.transport.Feedback;
import ml.frontier.gan.transport.GeneratedBatches;
import ml.frontier.gan.transport.InProcessTransport;
import ml.frontier.gan.transport.Role;
import ml.frontier.gan.transport.Traffic;
import ml.frontier.gan.transport.TrafficCounter;
import ml.frontier.gan.transport.Transport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * MD-GAN's {@link Transport} over gRPC, on the server side: it hosts the Coordinator service
 * ({@link CoordinatorService}) and delegates to one class per job: {@link WorkerRegistry}
 * admits workers into N slots (slot = shard index) and drops the silent ones,
 * {@link FeedbackRound} sends each live worker its batches and waits for the feedback until
 * the iteration's deadline, and {@link SwapOrchestrator} orders the discriminator transfers
 * that workers carry out between themselves, or relays them when workers cannot reach each
 * other.
 *
 * <p>Faults: a worker that disconnects, stops sending heartbeats or misses a deadline is
 * dropped and training goes on with the others: {@link #exchange} returns the feedback of the
 * workers that answered and {@code MdGanServer} averages over them. A swap involving a dead
 * worker is skipped. A worker that joins later gets, if it is fresh, a copy of a live worker's
 * discriminator before its first iteration. Feedback of the wrong shape or with non-finite
 * values is refused with {@code INVALID_ARGUMENT} and never reaches the generator.
 */
public final class GrpcTransport implements Transport {

    /**
     * Timing of the protocol.
     *
     * @param deadlineMs how long an iteration waits for feedback before dropping a worker
     * @param swapDeadlineMs how long a discriminator transfer may take
     * @param heartbeatTimeoutMs a worker silent for this long is dropped before the next iteration (0: never)
     * @param waitForWorkersMs how long to wait for a worker when none is left, before giving up
     * @param relaySwaps discriminators travel worker → server → worker instead of peer to peer
     *        (workers behind NAT need no reachable address)
     */
    public record Options(long deadlineMs, long swapDeadlineMs, long heartbeatTimeoutMs, long waitForWorkersMs, boolean relaySwaps) {
        public Options {
            if (deadlineMs <= 0 || swapDeadlineMs <= 0 || waitForWorkersMs <= 0 || heartbeatTimeoutMs < 0) {
                throw new IllegalArgumentException("deadlines must be positive");
            }
        }

        /** Peer-to-peer swaps. */
        public Options(long deadlineMs, long swapDeadlineMs, long heartbeatTimeoutMs, long waitForWorkersMs) {
            this(deadlineMs, swapDeadlineMs, heartbeatTimeoutMs, waitForWorkersMs, false);
        }

        public Options withRelaySwaps(boolean v) {
            return new Options(deadlineMs, swapDeadlineMs, heartbeatTimeoutMs, waitForWorkersMs, v);
        }

        public static Options defaults() {
            return new Options(30_000, 60_000, 15_000, 600_000);
        }
    }

    /** Largest message accepted: a CIFAR-sized batch pair is 2·b·3072 floats (b = 1000: 24 MB). */
    public static final int MAX_MESSAGE_BYTES = 256 << 20;

    private final NetRunConfig config;
    private final Consumer<String> log;
    private final TrafficCounter counter = new TrafficCounter();
    private final WireMeter wire = new WireMeter();
    private final WorkerRegistry registry;
    private final FeedbackRound round;
    private final SwapOrchestrator swaps;
    private final CoordinatorService service;
    private Server server;
    private boolean closed;

    public GrpcTransport(NetRunConfig config, Options options, Consumer<String> log) {
        this.config = config;
        this.log = log;
        this.registry = new WorkerRegistry(config, options, log);
        this.round = new FeedbackRound(registry, counter, options.deadlineMs());
        this.swaps = new SwapOrchestrator(registry, counter, options.swapDeadlineMs(), options.relaySwaps(), log);
        this.service = new CoordinatorService(registry, round, swaps, !options.relaySwaps(), log);
        registry.onGone(w -> {
            round.fail(w);
            swaps.fail(w);
        });
    }

    /** Adds the Coordinator service and the wire meter to {@code builder}, starts it and keeps it until {@link #close()}. */
    public GrpcTransport serve(ServerBuilder<?> builder) throws IOException {
        this.server = builder.addService(MdGanRpc.coordinator(service)).addStreamTracerFactory(wire.serverTracer())
                .maxInboundMessageSize(MAX_MESSAGE_BYTES).build().start();
        return this;
    }

    /** The port the server listens on (-1 for in-process servers). */
    public int port() {
        return server == null ? -1 : server.getPort();
    }

    public NetRunConfig config() {
        return config;
    }

    /** gRPC's count of bytes on the wire, per method, at the server. */
    public WireMeter wire() {
        return wire;
    }

    /** The last iteration whose feedback was collected (announced to joining workers). */
    public void lastIteration(long iteration) {
        registry.lastIteration(iteration);
    }

    /** The shard size m the first admitted worker reported (0 before any). */
    public long shardSize() {
        return registry.shardSize();
    }

    /** The slots with a live worker. */
    public int[] liveWorkers() {
        return registry.liveWorkers();
    }

    /** Workers dropped so far (disconnected, silent, or late). */
    public long dropped() {
        return registry.dropped();
    }

    /** Feedback messages refused so far (wrong shape, non-finite values). */
    public long refused() {
        return round.refused();
    }

    @Override
    public int workers() {
        return config.workers();
    }

    /** Waits until {@code wanted} workers are live (admitting joiners as they come) or {@code timeoutMs} passed; returns the number live. */
    public int awaitWorkers(int wanted, long timeoutMs) throws InterruptedException {
        return registry.awaitWorkers(wanted, timeoutMs, swaps::copy);
    }

    @Override
    public List<Feedback> exchange(List<GeneratedBatches> batches) {
        int n = config.workers();
        if (batches.size() != n) {
            throw new IllegalArgumentException(batches.size() + " batch pairs for " + n + " workers");
        }
        long iteration = batches.get(0).iteration();
        int[] shape = batches.get(0).shape();
        while (true) {
            registry.dropSilent();
            registry.admitJoiners(swaps::copy);
            registry.waitForAWorker(iteration, swaps::copy);
            Map<Integer, float[]> answers = round.collect(iteration, shape, batches);
            if (answers.isEmpty()) {
                log.accept("iteration " + iteration + ": no worker answered; sending the batches again");
                continue;
            }
            registry.lastIteration(iteration);
            List<Feedback> out = new ArrayList<>(answers.size());
            for (var a : answers.entrySet()) {
                Feedback fb = new Feedback(a.getKey(), iteration, a.getValue());
                counter.record(fb, Role.WORKER, Role.SERVER);
                out.add(fb);
            }
            return out;
        }
    }

    @Override
    public void swap(long round, int[] peers) {
        InProcessTransport.checkPermutation(peers, config.workers());
        swaps.swap(round, peers);
    }

    @Override
    public Traffic traffic() {
        List<Traffic.Flow> flows = new ArrayList<>(counter.snapshot().flows());
        long[] s = swaps.totals();
        if (s[0] > 0) {
            flows.add(new Traffic.Flow("DiscriminatorState", Role.WORKER, Role.WORKER, s[0], s[1], 0));
        }
        return new Traffic(flows);
    }

    /** Bytes that discriminator transfers put on the wire between workers, as the senders counted them. */
    public long swapWireBytes() {
        return swaps.totals()[2];
    }

    /** Tells every worker that training is over, and ends their sessions. */
    public void finish(String reason) {
        registry.finish(reason, false);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        registry.finish("the server is shutting down", true);
        if (server != null) {
            server.shutdown();
            try {
                if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                    server.shutdownNow();
                }
            } catch (InterruptedException e) {
                server.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
