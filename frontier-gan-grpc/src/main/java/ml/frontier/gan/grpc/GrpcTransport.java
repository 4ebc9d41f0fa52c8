package ml.frontier.gan.grpc;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import ml.frontier.gan.grpc.proto.Ack;
import ml.frontier.gan.grpc.proto.FeedbackRequest;
import ml.frontier.gan.grpc.proto.HeartbeatReply;
import ml.frontier.gan.grpc.proto.HeartbeatRequest;
import ml.frontier.gan.grpc.proto.JoinRequest;
import ml.frontier.gan.grpc.proto.LeaveRequest;
import ml.frontier.gan.grpc.proto.Shutdown;
import ml.frontier.gan.grpc.proto.SwapCommit;
import ml.frontier.gan.grpc.proto.SwapReport;
import ml.frontier.gan.grpc.proto.Task;
import ml.frontier.gan.grpc.proto.Welcome;
import ml.frontier.gan.transport.Feedback;
import ml.frontier.gan.transport.GeneratedBatches;
import ml.frontier.gan.transport.InProcessTransport;
import ml.frontier.gan.transport.Role;
import ml.frontier.gan.transport.SwapOrder;
import ml.frontier.gan.transport.Traffic;
import ml.frontier.gan.transport.TrafficCounter;
import ml.frontier.gan.transport.Transport;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * MD-GAN's {@link Transport} over gRPC, on the server side: it hosts the Coordinator service,
 * admits workers into N slots (slot = shard index), sends each live worker its batches and
 * waits for the feedback until the iteration's deadline, and orders discriminator swaps that
 * workers carry out between themselves.
 *
 * <p>Faults: a worker that disconnects, stops sending heartbeats or misses a deadline is
 * dropped and training goes on with the others: {@link #exchange} returns the feedback of
 * the workers that answered, and {@code MdGanServer} averages over them. A swap involving a
 * dead worker is skipped. A worker that joins later gets, if it
 * is fresh, a copy of a live worker's discriminator before its first iteration.
 *
 * <p>Feedback of the wrong shape or with non-finite values is refused with
 * {@code INVALID_ARGUMENT} and never reaches the generator.
 */
public final class GrpcTransport implements Transport, MdGanRpc.CoordinatorHandler {

    /**
     * Timing of the protocol.
     *
     * @param deadlineMs how long an iteration waits for feedback before dropping a worker
     * @param swapDeadlineMs how long a discriminator transfer may take
     * @param heartbeatTimeoutMs a worker silent for this long is dropped before the next iteration (0: never)
     * @param waitForWorkersMs how long to wait for a worker when none is left, before giving up
     */
    public record Options(long deadlineMs, long swapDeadlineMs, long heartbeatTimeoutMs, long waitForWorkersMs) {
        public Options {
            if (deadlineMs <= 0 || swapDeadlineMs <= 0 || waitForWorkersMs <= 0 || heartbeatTimeoutMs < 0) {
                throw new IllegalArgumentException("deadlines must be positive");
            }
        }

        public static Options defaults() {
            return new Options(30_000, 60_000, 15_000, 600_000);
        }
    }

    /** Largest message accepted: a CIFAR-sized batch pair is 2·b·3072 floats (b = 1000: 24 MB). */
    public static final int MAX_MESSAGE_BYTES = 256 << 20;

    private final NetRunConfig config;
    private final Options options;
    private final Consumer<String> log;
    private final TrafficCounter counter = new TrafficCounter();
    private final WireMeter wire = new WireMeter();
    private final Object lock = new Object();
    private final WorkerSession[] live;
    private final List<WorkerSession> joining = new ArrayList<>();
    private final Map<Long, Map<Integer, CompletableFuture<SwapReport>>> transfers = new HashMap<>();
    private final long sessionBase = new SecureRandom().nextLong() & 0x7FFF_FFFF_0000_0000L;
    private long sessions;
    private long nextTransfer = 1;
    private OpenIteration open;
    private volatile long lastIteration;
    private long shardSize;
    private long swapMessages;
    private long swapFloats;
    private long swapWireBytes;
    private long dropped;
    private long refused;
    private Server server;
    private boolean closed;

    /** The iteration whose feedback is awaited. */
    private record OpenIteration(long iteration, int[] shape, Map<Integer, CompletableFuture<float[]>> feedback) {}

    public GrpcTransport(NetRunConfig config, Options options, Consumer<String> log) {
        this.config = config;
        this.options = options;
        this.log = log;
        this.live = new WorkerSession[config.workers()];
    }

    /** Adds the Coordinator service and the wire meter to {@code builder}, starts it and keeps it until {@link #close()}. */
    public GrpcTransport serve(ServerBuilder<?> builder) throws IOException {
        this.server = builder.addService(MdGanRpc.coordinator(this)).addStreamTracerFactory(wire.serverTracer())
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
        this.lastIteration = iteration;
    }

    /** The shard size m the first admitted worker reported (0 before any). */
    public long shardSize() {
        synchronized (lock) {
            return shardSize;
        }
    }

    /** The slots with a live worker. */
    public int[] liveWorkers() {
        synchronized (lock) {
            return java.util.stream.IntStream.range(0, live.length).filter(n -> live[n] != null && !live[n].closed()).toArray();
        }
    }

    /** Workers dropped so far (disconnected, silent, or late). */
    public long dropped() {
        synchronized (lock) {
            return dropped;
        }
    }

    /** Feedback messages refused so far (wrong shape, non-finite values). */
    public long refused() {
        synchronized (lock) {
            return refused;
        }
    }

    @Override
    public int workers() {
        return config.workers();
    }

    /**
     * Waits until {@code wanted} workers are live (admitting joiners as they come) or
     * {@code timeoutMs} passed; returns the number live.
     */
    public int awaitWorkers(int wanted, long timeoutMs) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            admitJoiners();
            int n = liveWorkers().length;
            long left = end - System.nanoTime();
            if (n >= wanted || left <= 0) {
                return n;
            }
            synchronized (lock) {
                if (joining.isEmpty()) {
                    lock.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 500)));
                }
            }
        }
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
            dropSilent();
            admitJoiners();
            waitForAWorker(iteration);
            Map<Integer, float[]> answers = collect(iteration, shape, batches);
            if (answers.isEmpty()) {
                log.accept("iteration " + iteration + ": no worker answered; sending the batches again");
                continue;
            }
            lastIteration = iteration;
            List<Feedback> out = new ArrayList<>(answers.size());
            for (var a : answers.entrySet()) {
                Feedback fb = new Feedback(a.getKey(), iteration, a.getValue());
                counter.record(fb, Role.WORKER, Role.SERVER);
                out.add(fb);
            }
            return out;
        }
    }

    private Map<Integer, float[]> collect(long iteration, int[] shape, List<GeneratedBatches> batches) {
        Map<Integer, CompletableFuture<float[]>> futures = new LinkedHashMap<>();
        Map<Integer, WorkerSession> targets = new LinkedHashMap<>();
        synchronized (lock) {
            for (int w = 0; w < live.length; w++) {
                if (live[w] != null && !live[w].closed()) {
                    futures.put(w, new CompletableFuture<>());
                    targets.put(w, live[w]);
                }
            }
            open = new OpenIteration(iteration, shape.clone(), futures);
        }
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.deadlineMs());
        for (var e : targets.entrySet()) {
            GeneratedBatches b = batches.get(e.getKey());
            if (e.getValue().send(Task.newBuilder().setBatches(Wire.batches(b)).build())) {
                counter.record(b, Role.SERVER, Role.WORKER);
            } else {
                futures.get(e.getKey()).completeExceptionally(new IllegalStateException("stream closed"));
            }
        }
        Map<Integer, float[]> answers = new LinkedHashMap<>();
        for (var e : futures.entrySet()) {
            WorkerSession s = targets.get(e.getKey());
            try {
                answers.put(e.getKey(), e.getValue().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException ex) {
                drop(s, Status.DEADLINE_EXCEEDED.withDescription("no feedback for iteration " + iteration + " within "
                        + options.deadlineMs() + " ms; dropped"));
            } catch (ExecutionException ex) {
                gone(s, "lost during iteration " + iteration);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for feedback", ex);
            }
        }
        synchronized (lock) {
            open = null;
        }
        for (int w : answers.keySet()) {
            targets.get(w).trained = true;
        }
        return answers;
    }

    private void waitForAWorker(long iteration) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.waitForWorkersMs());
        boolean said = false;
        while (liveWorkers().length == 0) {
            if (!said) {
                log.accept("iteration " + iteration + ": no live worker; waiting for one to join");
                said = true;
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("no MD-GAN worker joined within " + options.waitForWorkersMs() + " ms");
            }
            try {
                synchronized (lock) {
                    if (joining.isEmpty()) {
                        lock.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 500)));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for workers", e);
            }
            admitJoiners();
        }
    }

    private void dropSilent() {
        if (options.heartbeatTimeoutMs() == 0) {
            return;
        }
        long limit = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(options.heartbeatTimeoutMs());
        List<WorkerSession> silent = new ArrayList<>();
        synchronized (lock) {
            for (WorkerSession s : live) {
                if (s != null && !s.closed() && s.lastSeenNanos < limit) {
                    silent.add(s);
                }
            }
        }
        for (WorkerSession s : silent) {
            drop(s, Status.DEADLINE_EXCEEDED.withDescription("no heartbeat for " + options.heartbeatTimeoutMs() + " ms; dropped"));
        }
    }

    /** Admits the workers that joined since the last iteration; a fresh one first receives a copy of a live discriminator. */
    private void admitJoiners() {
        List<WorkerSession> js;
        synchronized (lock) {
            js = new ArrayList<>(joining);
            joining.clear();
        }
        js.sort((a, b) -> Boolean.compare(a.join.getFresh(), b.join.getFresh()));
        for (WorkerSession s : js) {
            if (s.closed()) {
                continue;
            }
            WorkerSession donor = null;
            if (s.join.getFresh()) {
                synchronized (lock) {
                    for (WorkerSession d : live) {
                        if (d != null && !d.closed() && d.trained && d.worker() != s.worker()) {
                            donor = d;
                            break;
                        }
                    }
                }
            }
            if (donor != null) {
                long t;
                synchronized (lock) {
                    t = nextTransfer++;
                }
                boolean copied = transfer(t, List.<WorkerSession[]>of(new WorkerSession[] {donor, s})).contains(s.worker());
                s.trained = copied;
                log.accept(s.describe() + (copied ? " received a copy of worker " + donor.worker() + "'s discriminator"
                        : " could not get a copy of worker " + donor.worker() + "'s discriminator; it starts with its own"));
            }
            synchronized (lock) {
                if (!s.closed()) {
                    if (live[s.worker()] != null && live[s.worker()] != s) {
                        live[s.worker()].close(Status.ABORTED.withDescription("replaced by a new worker for shard " + s.worker()));
                    }
                    live[s.worker()] = s;
                    if (shardSize == 0) {
                        shardSize = s.join.getShardSize();
                    } else if (shardSize != s.join.getShardSize()) {
                        log.accept(s.describe() + " holds " + s.join.getShardSize() + " examples, the first worker " + shardSize);
                    }
                    log.accept(s.describe() + " is in (" + s.join.getShardSize() + " examples)");
                }
            }
        }
    }

    @Override
    public void swap(long round, int[] peers) {
        InProcessTransport.checkPermutation(peers, config.workers());
        List<WorkerSession[]> pairs = new ArrayList<>();
        long t;
        synchronized (lock) {
            t = nextTransfer++;
            for (int n = 0; n < peers.length; n++) {
                WorkerSession from = live[n], to = live[peers[n]];
                if (from != null && !from.closed() && to != null && !to.closed()) {
                    pairs.add(new WorkerSession[] {from, to});
                } else {
                    log.accept("swap round " + round + ": skipped " + n + " -> " + peers[n] + " (a worker is not live)");
                }
            }
        }
        transfer(t, pairs);
    }

    /** Sender {@code p[0]} sends its discriminator to receiver {@code p[1]} for every pair; returns the receivers that got one. */
    private List<Integer> transfer(long t, List<WorkerSession[]> pairs) {
        Map<Integer, CompletableFuture<SwapReport>> reports = new LinkedHashMap<>();
        synchronized (lock) {
            for (WorkerSession[] p : pairs) {
                reports.put(p[0].worker(), new CompletableFuture<>());
            }
            transfers.put(t, reports);
        }
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.swapDeadlineMs());
        for (WorkerSession[] p : pairs) {
            JoinRequest to = p[1].join;
            Task order = Task.newBuilder().setSwap(ml.frontier.gan.grpc.proto.SwapOrder.newBuilder().setTransfer(t)
                    .setPeer(to.getWorkerId()).setPeerHost(to.getHost()).setPeerPort(to.getPeerPort())).build();
            if (p[0].send(order)) {
                counter.record(new SwapOrder(p[0].worker(), t, to.getWorkerId()), Role.SERVER, Role.WORKER);
            } else {
                reports.get(p[0].worker()).completeExceptionally(new IllegalStateException("stream closed"));
            }
        }
        List<Integer> received = new ArrayList<>();
        for (WorkerSession[] p : pairs) {
            try {
                SwapReport r = reports.get(p[0].worker()).get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (!r.getSent()) {
                    log.accept("transfer " + t + ": worker " + p[0].worker() + " could not send to worker " + p[1].worker()
                            + ": " + r.getError());
                    continue;
                }
                synchronized (lock) {
                    swapMessages++;
                    swapFloats += r.getPayloadFloats();
                    swapWireBytes += r.getWireBytes();
                }
                if (p[1].send(Task.newBuilder().setCommit(SwapCommit.newBuilder().setTransfer(t)).build())) {
                    received.add(p[1].worker());
                }
            } catch (TimeoutException e) {
                drop(p[0], Status.DEADLINE_EXCEEDED.withDescription("discriminator transfer " + t + " not done within "
                        + options.swapDeadlineMs() + " ms; dropped"));
            } catch (ExecutionException e) {
                gone(p[0], "lost during transfer " + t);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during a swap", e);
            }
        }
        synchronized (lock) {
            transfers.remove(t);
        }
        return received;
    }

    @Override
    public Traffic traffic() {
        List<Traffic.Flow> flows = new ArrayList<>(counter.snapshot().flows());
        synchronized (lock) {
            if (swapMessages > 0) {
                flows.add(new Traffic.Flow("DiscriminatorState", Role.WORKER, Role.WORKER, swapMessages, swapFloats, 0));
            }
        }
        return new Traffic(flows);
    }

    /** Bytes that discriminator transfers put on the wire between workers, as the senders counted them. */
    public long swapWireBytes() {
        synchronized (lock) {
            return swapWireBytes;
        }
    }

    /** Tells every worker that training is over, and ends their sessions. */
    public void finish(String reason) {
        List<WorkerSession> all = new ArrayList<>();
        synchronized (lock) {
            for (WorkerSession s : live) {
                if (s != null) {
                    all.add(s);
                }
            }
            all.addAll(joining);
            joining.clear();
            Arrays.fill(live, null);
        }
        for (WorkerSession s : all) {
            s.send(Task.newBuilder().setShutdown(Shutdown.newBuilder().setReason(reason)).build());
            s.close(Status.OK);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        finish("the server is shutting down");
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

    private void drop(WorkerSession s, Status status) {
        s.close(status);
        gone(s, status.getDescription());
    }

    private void gone(WorkerSession s, String why) {
        boolean wasLive;
        synchronized (lock) {
            s.markClosed();
            wasLive = live[s.worker()] == s;
            if (wasLive) {
                live[s.worker()] = null;
                dropped++;
                failPending(s.worker());
            }
            joining.remove(s);
            lock.notifyAll();
        }
        if (wasLive) {
            log.accept(s.describe() + " left: " + why);
        }
    }

    private void failPending(int worker) {
        if (open != null && open.feedback().containsKey(worker)) {
            open.feedback().get(worker).completeExceptionally(new IllegalStateException("worker gone"));
        }
        for (var m : transfers.values()) {
            CompletableFuture<SwapReport> f = m.get(worker);
            if (f != null) {
                f.completeExceptionally(new IllegalStateException("worker gone"));
            }
        }
    }

    // ---- the Coordinator service ----

    @Override
    public void join(JoinRequest r, StreamObserver<Task> tasks) {
        String bad = null;
        if (r.getWorkerId() < 0 || r.getWorkerId() >= config.workers()) {
            bad = "worker id " + r.getWorkerId() + " outside [0, " + config.workers() + ")";
        } else if (r.getShards() != config.workers()) {
            bad = "worker holds shard " + r.getWorkerId() + "/" + r.getShards() + " but this server runs " + config.workers() + " workers";
        } else if (r.getShardSize() < config.batch()) {
            bad = "worker " + r.getWorkerId() + " holds " + r.getShardSize() + " examples, fewer than one batch of " + config.batch();
        } else if (r.getHost().isBlank() || r.getPeerPort() < 0 || r.getPeerPort() > 65535) {
            bad = "worker " + r.getWorkerId() + " gave no reachable peer address (" + r.getHost() + ":" + r.getPeerPort() + ")";
        }
        if (bad != null) {
            tasks.onError(Status.INVALID_ARGUMENT.withDescription(bad).asRuntimeException());
            return;
        }
        ServerCallStreamObserver<Task> stream = (ServerCallStreamObserver<Task>) tasks;
        WorkerSession s;
        WorkerSession replaced = null;
        synchronized (lock) {
            if (closed) {
                tasks.onError(Status.UNAVAILABLE.withDescription("the server is shutting down").asRuntimeException());
                return;
            }
            s = new WorkerSession(sessionBase | ++sessions, r, stream);
            stream.setOnCancelHandler(() -> gone(s, "disconnected"));
            if (!r.getRunId().isEmpty() && !r.getRunId().equals(config.runId())) {
                log.accept("worker " + r.getWorkerId() + " held a discriminator of another run; it starts afresh");
            }
            s.send(Task.newBuilder().setWelcome(Welcome.newBuilder().setSession(s.id).setConfig(config.toProto())
                    .setIteration(lastIteration)).build());
            for (WorkerSession j : joining) {
                if (j.worker() == r.getWorkerId()) {
                    replaced = j;
                }
            }
            log.accept(s.describe() + " joined" + (r.getFresh() ? " (fresh)" : " (with a trained discriminator)"));
            joining.add(s);
            lock.notifyAll();
        }
        if (replaced != null) {
            drop(replaced, Status.ABORTED.withDescription("replaced by a new worker for shard " + r.getWorkerId()));
        }
    }

    @Override
    public void submitFeedback(FeedbackRequest r, StreamObserver<Ack> reply) {
        CompletableFuture<float[]> slot;
        int[] shape;
        synchronized (lock) {
            WorkerSession s = session(r.getWorkerId(), r.getSession());
            if (s == null) {
                fail(reply, Status.FAILED_PRECONDITION, "worker " + r.getWorkerId() + " has no live session "
                        + Long.toHexString(r.getSession()) + " (dropped? join again)");
                return;
            }
            s.lastSeenNanos = System.nanoTime();
            if (open == null || open.iteration() != r.getIteration()) {
                fail(reply, Status.FAILED_PRECONDITION, "iteration " + r.getIteration() + " is not open"
                        + (open == null ? "" : " (the server waits for iteration " + open.iteration() + ")"));
                return;
            }
            slot = open.feedback().get(r.getWorkerId());
            shape = open.shape();
            if (slot == null || slot.isDone()) {
                fail(reply, Status.FAILED_PRECONDITION, "worker " + r.getWorkerId() + " already answered iteration " + r.getIteration());
                return;
            }
        }
        float[] f;
        try {
            String what = "feedback of worker " + r.getWorkerId() + " for iteration " + r.getIteration();
            f = Wire.finite(Wire.floats(r.getGradient(), shape, what), what);
        } catch (IllegalArgumentException e) {
            synchronized (lock) {
                refused++;
            }
            log.accept("refused: " + e.getMessage());
            fail(reply, Status.INVALID_ARGUMENT, e.getMessage());
            return;
        }
        slot.complete(f);
        reply.onNext(Ack.getDefaultInstance());
        reply.onCompleted();
    }

    @Override
    public void reportSwap(SwapReport r, StreamObserver<Ack> reply) {
        CompletableFuture<SwapReport> f = null;
        synchronized (lock) {
            WorkerSession s = session(r.getWorkerId(), r.getSession());
            if (s != null) {
                s.lastSeenNanos = System.nanoTime();
                Map<Integer, CompletableFuture<SwapReport>> m = transfers.get(r.getTransfer());
                f = m == null ? null : m.get(r.getWorkerId());
            }
        }
        if (f == null) {
            fail(reply, Status.FAILED_PRECONDITION, "no transfer " + r.getTransfer() + " is expected from worker " + r.getWorkerId());
            return;
        }
        if (r.getPayloadFloats() < 0 || r.getWireBytes() < 0) {
            fail(reply, Status.INVALID_ARGUMENT, "negative byte counts in the swap report of worker " + r.getWorkerId());
            return;
        }
        f.complete(r);
        reply.onNext(Ack.getDefaultInstance());
        reply.onCompleted();
    }

    @Override
    public void heartbeat(HeartbeatRequest r, StreamObserver<HeartbeatReply> reply) {
        boolean known;
        synchronized (lock) {
            WorkerSession s = session(r.getWorkerId(), r.getSession());
            if (s == null) {
                for (WorkerSession j : joining) {
                    if (j.id == r.getSession() && j.worker() == r.getWorkerId()) {
                        s = j;
                    }
                }
            }
            known = s != null;
            if (known) {
                s.lastSeenNanos = System.nanoTime();
            }
        }
        reply.onNext(HeartbeatReply.newBuilder().setKnown(known).setIteration(lastIteration).build());
        reply.onCompleted();
    }

    @Override
    public void leave(LeaveRequest r, StreamObserver<Ack> reply) {
        WorkerSession s;
        synchronized (lock) {
            s = session(r.getWorkerId(), r.getSession());
        }
        if (s != null) {
            drop(s, Status.OK.withDescription("left: " + r.getReason()));
        }
        reply.onNext(Ack.getDefaultInstance());
        reply.onCompleted();
    }

    /** The live session {@code id} of {@code worker}, or null. Call with the lock held. */
    private WorkerSession session(int worker, long id) {
        if (worker < 0 || worker >= live.length) {
            return null;
        }
        WorkerSession s = live[worker];
        return s != null && s.id == id && !s.closed() ? s : null;
    }

    private static void fail(StreamObserver<?> reply, Status status, String message) {
        reply.onError(new StatusRuntimeException(status.withDescription(message)));
    }
}
