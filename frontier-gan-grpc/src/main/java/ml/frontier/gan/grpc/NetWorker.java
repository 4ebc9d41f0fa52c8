package ml.frontier.gan.grpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import ml.frontier.core.FrontierException;
import ml.frontier.core.engine.EngineThreads;
import ml.frontier.core.engine.Engines;
import ml.frontier.gan.grpc.proto.Ack;
import ml.frontier.gan.grpc.proto.Batches;
import ml.frontier.gan.grpc.proto.DiscriminatorTransfer;
import ml.frontier.gan.grpc.proto.FeedbackRequest;
import ml.frontier.gan.grpc.proto.HeartbeatReply;
import ml.frontier.gan.grpc.proto.HeartbeatRequest;
import ml.frontier.gan.grpc.proto.JoinRequest;
import ml.frontier.gan.grpc.proto.RelayRequest;
import ml.frontier.gan.grpc.proto.SwapOrder;
import ml.frontier.gan.grpc.proto.SwapReport;
import ml.frontier.gan.grpc.proto.Task;
import ml.frontier.gan.mdgan.MdGanWorker;
import ml.frontier.gan.transport.DiscriminatorState;
import ml.frontier.gan.transport.Feedback;
import ml.frontier.gan.transport.GeneratedBatches;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An MD-GAN worker process: joins the server, runs the tasks it streams (batches → feedback,
 * swap orders, commits) on an {@link MdGanWorker}, serves its peers' discriminator transfers,
 * sends heartbeats, and rejoins when the connection breaks (a server restarted with
 * {@code --resume} finds its workers again). {@link #run()} returns when the server says
 * training is over.
 */
public final class NetWorker implements AutoCloseable {

    /**
     * @param workerId the shard this worker holds, 0 ≤ i < N
     * @param shards N
     * @param serverHost the server's host (in process: its name)
     * @param advertisedHost the host peers use to reach this worker
     * @param peerPort the port of this worker's peer service (0: any free port)
     * @param rpcDeadlineMs deadline of every unary call (feedback, swap report, transfer)
     * @param rejoinWithinMs how long to keep trying to reach the server after the connection broke
     * @param heartbeatMs interval of heartbeats (0: none)
     */
    public record Options(int workerId, int shards, String serverHost, int serverPort, String advertisedHost, int peerPort,
                          long rpcDeadlineMs, long rejoinWithinMs, long heartbeatMs) {
        public Options {
            if (shards < 1 || workerId < 0 || workerId >= shards) {
                throw new IllegalArgumentException("shard " + workerId + "/" + shards + ": need 0 <= i < N");
            }
            if (rpcDeadlineMs <= 0 || rejoinWithinMs < 0 || heartbeatMs < 0) {
                throw new IllegalArgumentException("worker timings must be positive");
            }
        }
    }

    private final Options options;
    private final ShardSource data;
    private final Connector connector;
    private final Consumer<String> log;
    private final WireMeter wire = new WireMeter();
    private final Map<String, ManagedChannel> peers = new ConcurrentHashMap<>();
    private final Map<Long, DiscriminatorState> received = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heart = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mdgan-worker-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final ManagedChannel server;
    private final Server peerServer;
    private volatile MdGanWorker worker;
    private volatile NetRunConfig config;
    private volatile int[] parameterSizes;
    private volatile long session;
    private volatile ClientCall<JoinRequest, Task> call;
    private volatile boolean fresh = true;
    private long iterations;
    private boolean closed;

    public NetWorker(Options options, ShardSource data, Connector connector, Consumer<String> log) throws IOException {
        this.options = options;
        this.data = data;
        this.connector = connector;
        this.log = log;
        this.server = connector.channel(options.serverHost(), options.serverPort());
        this.peerServer = connector.server(options.advertisedHost(), options.peerPort())
                .addService(MdGanRpc.peer(this::receiveDiscriminator)).addStreamTracerFactory(wire.serverTracer()).build().start();
        if (options.heartbeatMs() > 0) {
            heart.scheduleWithFixedDelay(this::heartbeat, options.heartbeatMs(), options.heartbeatMs(), TimeUnit.MILLISECONDS);
        }
    }

    /** The port of this worker's peer service. */
    public int peerPort() {
        return peerServer.getPort() < 0 ? options.peerPort() : peerServer.getPort();
    }

    /** Iterations this worker has answered. */
    public synchronized long iterations() {
        return iterations;
    }

    /** gRPC's wire counts at this worker (its peer service and its calls to peers). */
    public WireMeter wire() {
        return wire;
    }

    /** The MD-GAN worker (null before the first Welcome). */
    public MdGanWorker worker() {
        return worker;
    }

    /**
     * Joins and works until the server ends the run.
     *
     * @throws FrontierException if the server refuses this worker or stays unreachable for longer than
     *     {@code rejoinWithinMs}
     */
    public void run() throws FrontierException, InterruptedException {
        EngineThreads.prepareCurrentThread();
        long lostSince = System.nanoTime();
        long backoff = 100;
        while (true) {
            Status end = session();
            if (end == null) {
                return;
            }
            switch (end.getCode()) {
                case INVALID_ARGUMENT, UNAUTHENTICATED, PERMISSION_DENIED, ABORTED, UNIMPLEMENTED ->
                        throw new FrontierException("the MD-GAN server refused worker " + options.workerId() + ": "
                                + end.getCode() + " " + end.getDescription());
                default -> { }
            }
            if (session != 0) {
                lostSince = System.nanoTime();
                backoff = 100;
                log.accept("worker " + options.workerId() + ": connection to the server ended (" + end.getCode()
                        + (end.getDescription() == null ? "" : ": " + end.getDescription()) + "); rejoining");
            }
            session = 0;
            if (System.nanoTime() - lostSince > TimeUnit.MILLISECONDS.toNanos(options.rejoinWithinMs())) {
                throw new FrontierException("worker " + options.workerId() + ": the MD-GAN server at " + options.serverHost()
                        + ":" + options.serverPort() + " was unreachable for " + options.rejoinWithinMs() + " ms ("
                        + end.getCode() + ")");
            }
            Thread.sleep(backoff);
            backoff = Math.min(2000, backoff * 2);
        }
    }

    /** One session: join, then run tasks until the stream ends. Returns null on a clean shutdown, else how it ended. */
    private Status session() throws InterruptedException, FrontierException {
        BlockingQueue<Object> tasks = new LinkedBlockingQueue<>();
        JoinRequest join = JoinRequest.newBuilder().setWorkerId(options.workerId()).setShards(options.shards())
                .setShardSize(data.size()).setHost(options.advertisedHost()).setPeerPort(peerPort()).setFresh(fresh)
                .setRunId(config == null ? "" : config.runId()).build();
        // The join call lives as long as the session (no deadline): heartbeats and keep-alive pings watch it.
        ClientCall<JoinRequest, Task> c = server.newCall(MdGanRpc.JOIN, CallOptions.DEFAULT);
        call = c;
        ClientCalls.asyncServerStreamingCall(c, join, new StreamObserver<>() {
            @Override
            public void onNext(Task t) {
                tasks.add(t);
            }

            @Override
            public void onError(Throwable t) {
                tasks.add(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                tasks.add(Status.OK);
            }
        });
        while (true) {
            Object o = tasks.take();
            if (o instanceof Status s) {
                return s;
            }
            Task t = (Task) o;
            switch (t.getKindCase()) {
                case WELCOME -> welcome(t.getWelcome());
                case BATCHES -> batches(t.getBatches());
                case SWAP -> swap(t.getSwap());
                case COMMIT -> commit(t.getCommit().getTransfer());
                case RELAYED -> accept(t.getRelayed());
                case SHUTDOWN -> {
                    log.accept("worker " + options.workerId() + ": the server ended the run (" + t.getShutdown().getReason() + ")");
                    c.cancel("shut down by the server", null);
                    return null;
                }
                default -> log.accept("worker " + options.workerId() + ": ignoring an unknown task");
            }
        }
    }

    private void welcome(ml.frontier.gan.grpc.proto.Welcome w) throws FrontierException {
        NetRunConfig c;
        try {
            c = NetRunConfig.fromProto(w.getConfig());
        } catch (IllegalArgumentException e) {
            throw new FrontierException("the server sent an unusable run configuration: " + e.getMessage());
        }
        if (config == null || !config.runId().equals(c.runId())) {
            if (worker != null) {
                worker.close();
            }
            received.clear();
            var shard = data.shard(c);
            // Net.create seeds the engine's global generator, then initialises: creations must not interleave
            worker = Engines.seeded(() -> new MdGanWorker(options.workerId(), c.workerSetup(shard), shard));
            float[][] v = worker.discriminator().net().values();
            int[] sizes = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                sizes[i] = v[i].length;
            }
            parameterSizes = sizes;
            config = c;
            fresh = true;
            log.accept("worker " + options.workerId() + ": run " + c.runId() + " (" + c.net() + ", b=" + c.batch()
                    + ", N=" + c.workers() + "), shard of " + shard.size() + " examples");
        }
        session = w.getSession();
        log.accept("worker " + options.workerId() + ": joined at iteration " + w.getIteration());
    }

    private void batches(Batches b) {
        GeneratedBatches g;
        try {
            g = Wire.batches(options.workerId(), b);
        } catch (IllegalArgumentException e) {
            log.accept("worker " + options.workerId() + ": bad batches for iteration " + b.getIteration() + ": " + e.getMessage());
            return;
        }
        Feedback f;
        try {
            f = worker.onBatches(g);
        } catch (RuntimeException e) {
            // e.g. a diverged discriminator (non-finite feedback): rejoin as fresh to receive a live worker's copy
            log.accept("worker " + options.workerId() + ": iteration " + b.getIteration() + " failed (" + e.getMessage()
                    + "); rejoining for a copy of a live discriminator");
            fresh = true;
            ClientCall<JoinRequest, Task> c = call;
            if (c != null) {
                c.cancel("iteration failed", null);
            }
            return;
        }
        fresh = false;
        synchronized (this) {
            iterations++;
        }
        FeedbackRequest r = FeedbackRequest.newBuilder().setWorkerId(options.workerId()).setSession(session)
                .setIteration(f.iteration()).setGradient(Wire.tensor(f.gradient(), g.shape())).build();
        try {
            ClientCalls.blockingUnaryCall(server, MdGanRpc.SUBMIT_FEEDBACK, deadline(), r);
        } catch (StatusRuntimeException e) {
            log.accept("worker " + options.workerId() + ": feedback for iteration " + f.iteration() + " not taken: "
                    + e.getStatus().getCode() + " " + e.getStatus().getDescription());
        }
    }

    private void swap(SwapOrder o) {
        SwapReport.Builder report = SwapReport.newBuilder().setWorkerId(options.workerId()).setSession(session)
                .setTransfer(o.getTransfer());
        try {
            DiscriminatorState s = worker.exportDiscriminator(o.getTransfer());
            if (o.getRelay()) {
                relay(o, s, report);
            } else {
                sendToPeer(o, s, report);
            }
        } catch (StatusRuntimeException | IllegalStateException e) {
            report.setSent(false).setError(e.getMessage());
        }
        try {
            ClientCalls.blockingUnaryCall(server, MdGanRpc.REPORT_SWAP, deadline(), report.build());
        } catch (StatusRuntimeException e) {
            log.accept("worker " + options.workerId() + ": swap report not taken: " + e.getStatus());
        }
    }

    /** Uploads {@code s} to the server, which hands it to the peer (workers behind NAT). */
    private void relay(SwapOrder o, DiscriminatorState s, SwapReport.Builder report) {
        String m = MdGanRpc.RELAY_DISCRIMINATOR.getFullMethodName();
        long before = wire.count(m).bytesOut();
        ClientCalls.blockingUnaryCall(io.grpc.ClientInterceptors.intercept(server, wire.clientInterceptor()),
                MdGanRpc.RELAY_DISCRIMINATOR, deadline(), RelayRequest.newBuilder().setWorkerId(options.workerId())
                        .setSession(session).setToWorker(o.getPeer()).setDiscriminator(Wire.transfer(s, config.runId())).build());
        report.setSent(true).setWireBytes(wire.count(m).bytesOut() - before).setPayloadFloats(s.payloadFloats());
    }

    private void sendToPeer(SwapOrder o, DiscriminatorState s, SwapReport.Builder report) {
        ManagedChannel ch = peers.computeIfAbsent(o.getPeerHost() + ":" + o.getPeerPort(), k -> {
            try {
                return connector.channel(o.getPeerHost(), o.getPeerPort());
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        long before = wire.count(MdGanRpc.RECEIVE_DISCRIMINATOR.getFullMethodName()).bytesOut();
        ClientCalls.blockingUnaryCall(io.grpc.ClientInterceptors.intercept(ch, wire.clientInterceptor()),
                MdGanRpc.RECEIVE_DISCRIMINATOR, deadline(), Wire.transfer(s, config.runId()));
        long bytes = wire.count(MdGanRpc.RECEIVE_DISCRIMINATOR.getFullMethodName()).bytesOut() - before;
        report.setSent(true).setWireBytes(bytes).setPayloadFloats(s.payloadFloats());
    }

    private void commit(long transfer) {
        DiscriminatorState s = received.remove(transfer);
        if (s == null) {
            log.accept("worker " + options.workerId() + ": no discriminator arrived for transfer " + transfer + "; keeping mine");
            return;
        }
        worker.importDiscriminator(s);
        fresh = false;
        received.keySet().removeIf(t -> t < transfer);
    }

    /** A discriminator the server relayed: kept, like one a peer sent, until its transfer is committed. */
    private void accept(DiscriminatorTransfer t) {
        Status refused = keep(t);
        if (refused != null) {
            log.accept("worker " + options.workerId() + ": relayed discriminator refused: " + refused.getDescription());
        }
    }

    private void receiveDiscriminator(DiscriminatorTransfer t, StreamObserver<Ack> reply) {
        Status refused = keep(t);
        if (refused != null) {
            reply.onError(refused.asRuntimeException());
            return;
        }
        reply.onNext(Ack.getDefaultInstance());
        reply.onCompleted();
    }

    /** Keeps {@code t} until its transfer is committed; returns why it was refused, or null. */
    private Status keep(DiscriminatorTransfer t) {
        NetRunConfig c = config;
        int[] sizes = parameterSizes;
        if (c == null || sizes == null) {
            return Status.UNAVAILABLE.withDescription("worker " + options.workerId() + " has not joined a run yet");
        }
        if (!c.runId().equals(t.getRunId())) {
            return Status.FAILED_PRECONDITION.withDescription("discriminator of run " + t.getRunId() + ", worker "
                    + options.workerId() + " is in run " + c.runId());
        }
        try {
            received.put(t.getTransfer(), Wire.state(t, sizes));
            return null;
        } catch (IllegalArgumentException e) {
            return Status.INVALID_ARGUMENT.withDescription(e.getMessage());
        }
    }

    private void heartbeat() {
        long s = session;
        if (s == 0) {
            return;
        }
        try {
            HeartbeatReply r = ClientCalls.blockingUnaryCall(server, MdGanRpc.HEARTBEAT,
                    CallOptions.DEFAULT.withDeadlineAfter(Math.max(1000, options.heartbeatMs()), TimeUnit.MILLISECONDS),
                    HeartbeatRequest.newBuilder().setWorkerId(options.workerId()).setSession(s).build());
            ClientCall<JoinRequest, Task> c = call;
            if (!r.getKnown() && s == session && c != null) {
                c.cancel("the server does not know this session", null);
            }
        } catch (StatusRuntimeException e) {
            // the task stream notices a lost server; heartbeats only keep the session fresh
        }
    }

    private CallOptions deadline() {
        return CallOptions.DEFAULT.withDeadlineAfter(options.rpcDeadlineMs(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        heart.shutdownNow();
        ClientCall<JoinRequest, Task> c = call;
        if (c != null) {
            c.cancel("worker closing", null);
        }
        peerServer.shutdownNow();
        server.shutdownNow();
        peers.values().forEach(ManagedChannel::shutdownNow);
        if (worker != null) {
            worker.close();
        }
    }
}
