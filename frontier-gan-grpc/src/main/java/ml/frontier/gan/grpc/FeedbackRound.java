package ml.frontier.gan.grpc;

import io.grpc.Status;
import ml.frontier.gan.grpc.proto.FeedbackRequest;
import ml.frontier.gan.grpc.proto.Task;
import ml.frontier.gan.transport.GeneratedBatches;
import ml.frontier.gan.transport.Role;
import ml.frontier.gan.transport.TrafficCounter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One iteration's round trip: sends each live worker its batches and collects the feedback
 * until the deadline, dropping workers that miss it. Feedback of the wrong shape or with
 * non-finite values is refused and never completes the round.
 */
final class FeedbackRound {

    private final WorkerRegistry registry;
    private final TrafficCounter counter;
    private final long deadlineMs;
    private OpenIteration open;
    private long refused;

    /** The iteration whose feedback is awaited. */
    private record OpenIteration(long iteration, int[] shape, Map<Integer, CompletableFuture<float[]>> feedback) {}

    FeedbackRound(WorkerRegistry registry, TrafficCounter counter, long deadlineMs) {
        this.registry = registry;
        this.counter = counter;
        this.deadlineMs = deadlineMs;
    }

    long refused() {
        synchronized (registry.lock()) {
            return refused;
        }
    }

    /** Worker {@code n} left: its pending feedback, if any, fails now. Call with the registry's lock held. */
    void fail(int n) {
        if (open != null && open.feedback().containsKey(n)) {
            open.feedback().get(n).completeExceptionally(new IllegalStateException("worker gone"));
        }
    }

    /** Sends {@code batches} to the live workers and returns the feedback of those that answered in time, by slot. */
    Map<Integer, float[]> collect(long iteration, int[] shape, List<GeneratedBatches> batches) {
        Map<Integer, CompletableFuture<float[]>> futures = new LinkedHashMap<>();
        Map<Integer, WorkerSession> targets = new LinkedHashMap<>();
        synchronized (registry.lock()) {
            for (int w = 0; w < batches.size(); w++) {
                WorkerSession s = registry.liveAt(w);
                if (s != null) {
                    futures.put(w, new CompletableFuture<>());
                    targets.put(w, s);
                }
            }
            open = new OpenIteration(iteration, shape.clone(), futures);
        }
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMs);
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
                registry.drop(s, Status.DEADLINE_EXCEEDED.withDescription("no feedback for iteration " + iteration + " within "
                        + deadlineMs + " ms; dropped"));
            } catch (ExecutionException ex) {
                registry.gone(s, "lost during iteration " + iteration);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for feedback", ex);
            }
        }
        synchronized (registry.lock()) {
            open = null;
        }
        for (int w : answers.keySet()) {
            targets.get(w).trained = true;
        }
        return answers;
    }

    /** Takes a worker's feedback; returns the status to refuse it with, or null when it was accepted. */
    Status submit(FeedbackRequest r, java.util.function.Consumer<String> log) {
        CompletableFuture<float[]> slot;
        int[] shape;
        synchronized (registry.lock()) {
            WorkerSession s = registry.session(r.getWorkerId(), r.getSession());
            if (s == null) {
                return Status.FAILED_PRECONDITION.withDescription("worker " + r.getWorkerId() + " has no live session "
                        + Long.toHexString(r.getSession()) + " (dropped? join again)");
            }
            s.lastSeenNanos = System.nanoTime();
            if (open == null || open.iteration() != r.getIteration()) {
                return Status.FAILED_PRECONDITION.withDescription("iteration " + r.getIteration() + " is not open"
                        + (open == null ? "" : " (the server waits for iteration " + open.iteration() + ")"));
            }
            slot = open.feedback().get(r.getWorkerId());
            shape = open.shape();
            if (slot == null || slot.isDone()) {
                return Status.FAILED_PRECONDITION.withDescription("worker " + r.getWorkerId() + " already answered iteration "
                        + r.getIteration());
            }
        }
        float[] f;
        try {
            String what = "feedback of worker " + r.getWorkerId() + " for iteration " + r.getIteration();
            f = Wire.finite(Wire.floats(r.getGradient(), shape, what), what);
        } catch (IllegalArgumentException e) {
            synchronized (registry.lock()) {
                refused++;
            }
            log.accept("refused: " + e.getMessage());
            return Status.INVALID_ARGUMENT.withDescription(e.getMessage());
        }
        slot.complete(f);
        return null;
    }
}
