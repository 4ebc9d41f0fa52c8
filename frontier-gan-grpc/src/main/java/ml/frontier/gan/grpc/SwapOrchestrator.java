package ml.frontier.gan.grpc;

import io.grpc.Status;
import ml.frontier.gan.grpc.proto.JoinRequest;
import ml.frontier.gan.grpc.proto.RelayRequest;
import ml.frontier.gan.grpc.proto.SwapCommit;
import ml.frontier.gan.grpc.proto.SwapReport;
import ml.frontier.gan.grpc.proto.Task;
import ml.frontier.gan.transport.InProcessTransport;
import ml.frontier.gan.transport.Role;
import ml.frontier.gan.transport.SwapOrder;
import ml.frontier.gan.transport.TrafficCounter;

import java.util.ArrayList;
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
 * Discriminator transfers between workers: orders each sender to send its D to a peer, waits
 * for the senders' reports until the swap deadline, and tells each receiver to commit what it
 * received. Used for the swap rounds and for copying a live D to a fresh worker. When relaying,
 * senders upload their D to the server, which forwards it down the receiver's task stream: the
 * same bytes then cross the server's link twice, and no worker needs a reachable address.
 */
final class SwapOrchestrator {

    private final WorkerRegistry registry;
    private final TrafficCounter counter;
    private final long swapDeadlineMs;
    private final boolean relay;
    private final Consumer<String> log;
    private final Map<Long, Map<Integer, CompletableFuture<SwapReport>>> transfers = new HashMap<>();
    /** Relaying: transfer → sender → receiver slot, so an upload can only go where it was ordered. */
    private final Map<Long, Map<Integer, Integer>> destinations = new HashMap<>();
    private long nextTransfer = 1;
    private long messages;
    private long floats;
    private long wireBytes;

    SwapOrchestrator(WorkerRegistry registry, TrafficCounter counter, long swapDeadlineMs, boolean relay, Consumer<String> log) {
        this.registry = registry;
        this.counter = counter;
        this.swapDeadlineMs = swapDeadlineMs;
        this.relay = relay;
        this.log = log;
    }

    /** {messages, payload floats, wire bytes} of the transfers that reached their receivers' senders' reports. */
    long[] totals() {
        synchronized (registry.lock()) {
            return new long[] {messages, floats, wireBytes};
        }
    }

    /** Worker {@code n} left: its pending transfer reports fail now. Call with the registry's lock held. */
    void fail(int n) {
        for (var m : transfers.values()) {
            CompletableFuture<SwapReport> f = m.get(n);
            if (f != null) {
                f.completeExceptionally(new IllegalStateException("worker gone"));
            }
        }
    }

    /** Swap round {@code round}: worker n sends its D to {@code peers[n]}; pairs with a worker that is not live are skipped. */
    void swap(long round, int[] peers) {
        InProcessTransport.checkPermutation(peers, peers.length);
        List<WorkerSession[]> pairs = new ArrayList<>();
        long t;
        synchronized (registry.lock()) {
            t = nextTransfer++;
            for (int n = 0; n < peers.length; n++) {
                WorkerSession from = registry.liveAt(n), to = registry.liveAt(peers[n]);
                if (from != null && to != null) {
                    pairs.add(new WorkerSession[] {from, to});
                } else {
                    log.accept("swap round " + round + ": skipped " + n + " -> " + peers[n] + " (a worker is not live)");
                }
            }
        }
        transfer(t, pairs);
    }

    /** Attempts at copying a D to a joiner, half a second apart. */
    private static final int COPY_ATTEMPTS = 10;

    /**
     * Copies {@code donor}'s D to {@code receiver}; true if it arrived. A joiner builds its networks
     * after the server's welcome and refuses a discriminator until then, so the copy is retried a
     * few times instead of leaving the joiner with an untrained one.
     */
    boolean copy(WorkerSession donor, WorkerSession receiver) {
        for (int attempt = 0; attempt < COPY_ATTEMPTS && !receiver.closed() && !donor.closed(); attempt++) {
            long t;
            synchronized (registry.lock()) {
                t = nextTransfer++;
            }
            if (transfer(t, List.<WorkerSession[]>of(new WorkerSession[] {donor, receiver})).contains(receiver.worker())) {
                return true;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Sender {@code p[0]} sends its discriminator to receiver {@code p[1]} for every pair; returns the receivers that got one. */
    private List<Integer> transfer(long t, List<WorkerSession[]> pairs) {
        Map<Integer, CompletableFuture<SwapReport>> reports = new LinkedHashMap<>();
        synchronized (registry.lock()) {
            Map<Integer, Integer> to = new HashMap<>();
            for (WorkerSession[] p : pairs) {
                reports.put(p[0].worker(), new CompletableFuture<>());
                to.put(p[0].worker(), p[1].worker());
            }
            transfers.put(t, reports);
            destinations.put(t, to);
        }
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(swapDeadlineMs);
        for (WorkerSession[] p : pairs) {
            JoinRequest to = p[1].join;
            Task order = Task.newBuilder().setSwap(ml.frontier.gan.grpc.proto.SwapOrder.newBuilder().setTransfer(t)
                    .setPeer(to.getWorkerId()).setPeerHost(to.getHost()).setPeerPort(to.getPeerPort()).setRelay(relay)).build();
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
                synchronized (registry.lock()) {
                    messages++;
                    floats += r.getPayloadFloats();
                    wireBytes += r.getWireBytes();
                }
                if (p[1].send(Task.newBuilder().setCommit(SwapCommit.newBuilder().setTransfer(t)).build())) {
                    received.add(p[1].worker());
                }
            } catch (TimeoutException e) {
                registry.drop(p[0], Status.DEADLINE_EXCEEDED.withDescription("discriminator transfer " + t + " not done within "
                        + swapDeadlineMs + " ms; dropped"));
            } catch (ExecutionException e) {
                registry.gone(p[0], "lost during transfer " + t);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during a swap", e);
            }
        }
        synchronized (registry.lock()) {
            transfers.remove(t);
            destinations.remove(t);
        }
        return received;
    }

    /** A sender's report on a transfer; returns the status to refuse it with, or null when it was expected. */
    Status report(SwapReport r) {
        CompletableFuture<SwapReport> f = null;
        synchronized (registry.lock()) {
            WorkerSession s = registry.session(r.getWorkerId(), r.getSession());
            if (s != null) {
                s.lastSeenNanos = System.nanoTime();
                Map<Integer, CompletableFuture<SwapReport>> m = transfers.get(r.getTransfer());
                f = m == null ? null : m.get(r.getWorkerId());
            }
        }
        if (f == null) {
            return Status.FAILED_PRECONDITION.withDescription("no transfer " + r.getTransfer() + " is expected from worker "
                    + r.getWorkerId());
        }
        if (r.getPayloadFloats() < 0 || r.getWireBytes() < 0) {
            return Status.INVALID_ARGUMENT.withDescription("negative byte counts in the swap report of worker " + r.getWorkerId());
        }
        f.complete(r);
        return null;
    }

    /** Relaying: forwards a sender's upload to the receiver it was ordered to; returns the refusal status, or null. */
    Status relay(RelayRequest r) {
        WorkerSession to;
        synchronized (registry.lock()) {
            WorkerSession from = registry.session(r.getWorkerId(), r.getSession());
            Map<Integer, Integer> d = destinations.get(r.getDiscriminator().getTransfer());
            if (!relay || from == null || d == null || !Integer.valueOf(r.getToWorker()).equals(d.get(r.getWorkerId()))) {
                return Status.FAILED_PRECONDITION.withDescription("no relayed transfer " + r.getDiscriminator().getTransfer()
                        + " from worker " + r.getWorkerId() + " to worker " + r.getToWorker() + " is expected");
            }
            from.lastSeenNanos = System.nanoTime();
            to = registry.liveAt(r.getToWorker());
        }
        if (to == null || !to.send(Task.newBuilder().setRelayed(r.getDiscriminator()).build())) {
            return Status.UNAVAILABLE.withDescription("worker " + r.getToWorker() + " is not live");
        }
        return null;
    }
}
