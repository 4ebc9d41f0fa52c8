package ml.frontier.gan.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import ml.frontier.gan.grpc.proto.JoinRequest;
import ml.frontier.gan.grpc.proto.Shutdown;
import ml.frontier.gan.grpc.proto.Task;
import ml.frontier.gan.grpc.proto.Welcome;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Membership of a networked MD-GAN run: the N slots (slot = shard index) and who holds them,
 * the workers waiting to be admitted at the next iteration, heartbeats, and dropping. Its lock
 * is shared with the classes that wait on workers ({@link FeedbackRound}, {@link SwapOrchestrator}),
 * which are told through {@code onGone} when a live worker leaves.
 */
final class WorkerRegistry {

    private final NetRunConfig config;
    private final GrpcTransport.Options options;
    private final Consumer<String> log;
    private final Object lock = new Object();
    private final WorkerSession[] live;
    private final List<WorkerSession> joining = new ArrayList<>();
    private final long sessionBase = new SecureRandom().nextLong() & 0x7FFF_FFFF_0000_0000L;
    private IntConsumer onGone = w -> { };
    private long sessions;
    private long shardSize;
    private long dropped;
    private boolean closed;
    private volatile long lastIteration;

    WorkerRegistry(NetRunConfig config, GrpcTransport.Options options, Consumer<String> log) {
        this.config = config;
        this.options = options;
        this.log = log;
        this.live = new WorkerSession[config.workers()];
    }

    Object lock() {
        return lock;
    }

    /** Called, with the lock held, with the slot of every live worker that leaves. */
    void onGone(IntConsumer listener) {
        this.onGone = listener;
    }

    void lastIteration(long iteration) {
        this.lastIteration = iteration;
    }

    long lastIteration() {
        return lastIteration;
    }

    long shardSize() {
        synchronized (lock) {
            return shardSize;
        }
    }

    long dropped() {
        synchronized (lock) {
            return dropped;
        }
    }

    int[] liveWorkers() {
        synchronized (lock) {
            return IntStream.range(0, live.length).filter(n -> live[n] != null && !live[n].closed()).toArray();
        }
    }

    /** The live session of slot {@code n}, or null. Call with the lock held. */
    WorkerSession liveAt(int n) {
        WorkerSession s = live[n];
        return s != null && !s.closed() ? s : null;
    }

    /** Waits until {@code wanted} workers are live (admitting joiners as they come) or the time is up; returns the number live. */
    int awaitWorkers(int wanted, long timeoutMs, BiPredicate<WorkerSession, WorkerSession> copy) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            admitJoiners(copy);
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

    /** Blocks until at least one worker is live, admitting joiners; fails after {@code waitForWorkersMs}. */
    void waitForAWorker(long iteration, BiPredicate<WorkerSession, WorkerSession> copy) {
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
            admitJoiners(copy);
        }
    }

    /** Drops every live worker whose last heartbeat is older than the timeout. */
    void dropSilent() {
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

    /**
     * Admits the workers that joined since the last iteration; a fresh one first receives a copy
     * of a live trained discriminator through {@code copy(donor, receiver)}.
     */
    void admitJoiners(BiPredicate<WorkerSession, WorkerSession> copy) {
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
            WorkerSession donor = s.join.getFresh() ? donor(s.worker()) : null;
            if (donor != null) {
                boolean copied = copy.test(donor, s);
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

    private WorkerSession donor(int except) {
        synchronized (lock) {
            for (WorkerSession d : live) {
                if (d != null && !d.closed() && d.trained && d.worker() != except) {
                    return d;
                }
            }
            return null;
        }
    }

    /** Why {@code r} cannot join this run, or null when it can. */
    String refusal(JoinRequest r, boolean needsPeerAddress) {
        if (r.getWorkerId() < 0 || r.getWorkerId() >= config.workers()) {
            return "worker id " + r.getWorkerId() + " outside [0, " + config.workers() + ")";
        }
        if (r.getShards() != config.workers()) {
            return "worker holds shard " + r.getWorkerId() + "/" + r.getShards() + " but this server runs " + config.workers() + " workers";
        }
        if (r.getShardSize() < config.batch()) {
            return "worker " + r.getWorkerId() + " holds " + r.getShardSize() + " examples, fewer than one batch of " + config.batch();
        }
        if (needsPeerAddress && (r.getHost().isBlank() || r.getPeerPort() < 0 || r.getPeerPort() > 65535)) {
            return "worker " + r.getWorkerId() + " gave no reachable peer address (" + r.getHost() + ":" + r.getPeerPort() + ")";
        }
        return null;
    }

    /** Registers a worker that passed {@link #refusal}: welcomes it and queues it for admission; null once closed. */
    WorkerSession join(JoinRequest r, ServerCallStreamObserver<Task> stream) {
        WorkerSession s;
        WorkerSession replaced = null;
        synchronized (lock) {
            if (closed) {
                return null;
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
        return s;
    }

    /** The live session {@code id} of {@code worker}, or null. Call with the lock held. */
    WorkerSession session(int worker, long id) {
        if (worker < 0 || worker >= live.length) {
            return null;
        }
        WorkerSession s = live[worker];
        return s != null && s.id == id && !s.closed() ? s : null;
    }

    /** Notes a heartbeat from a live or joining session; false if the session is unknown. */
    boolean heartbeat(int worker, long id) {
        synchronized (lock) {
            WorkerSession s = session(worker, id);
            if (s == null) {
                for (WorkerSession j : joining) {
                    if (j.id == id && j.worker() == worker) {
                        s = j;
                    }
                }
            }
            if (s != null) {
                s.lastSeenNanos = System.nanoTime();
            }
            return s != null;
        }
    }

    void drop(WorkerSession s, Status status) {
        s.close(status);
        gone(s, status.getDescription());
    }

    void gone(WorkerSession s, String why) {
        boolean wasLive;
        synchronized (lock) {
            s.markClosed();
            wasLive = live[s.worker()] == s;
            if (wasLive) {
                live[s.worker()] = null;
                dropped++;
                onGone.accept(s.worker());
            }
            joining.remove(s);
            lock.notifyAll();
        }
        if (wasLive) {
            log.accept(s.describe() + " left: " + why);
        }
    }

    /** Tells every worker that training is over and ends their sessions; with {@code close}, admits no one after. */
    void finish(String reason, boolean close) {
        List<WorkerSession> all = new ArrayList<>();
        synchronized (lock) {
            closed |= close;
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
}
