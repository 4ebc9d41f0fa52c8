package ml.frontier.gan.transport;

import java.util.ArrayList;
import java.util.List;

/**
 * Delivers messages by direct calls, one worker after another (DJL allows one gradient
 * collector per JVM, so workers in one process cannot compute at the same time). Counts every
 * message as if it had crossed a network.
 */
public final class InProcessTransport implements Transport {

    private final List<WorkerEndpoint> workers;
    private final TrafficCounter counter = new TrafficCounter();

    public InProcessTransport(List<? extends WorkerEndpoint> workers) {
        if (workers.isEmpty()) {
            throw new IllegalArgumentException("MD-GAN needs at least one worker");
        }
        this.workers = List.copyOf(workers);
    }

    @Override
    public int workers() {
        return workers.size();
    }

    @Override
    public List<Feedback> exchange(List<GeneratedBatches> batches) {
        if (batches.size() != workers.size()) {
            throw new IllegalArgumentException(batches.size() + " batch pairs for " + workers.size() + " workers");
        }
        List<Feedback> out = new ArrayList<>(batches.size());
        for (int n = 0; n < batches.size(); n++) {
            GeneratedBatches b = batches.get(n);
            counter.record(b, Role.SERVER, Role.WORKER);
            Feedback f = workers.get(n).onBatches(b);
            if (f.gradient().length != b.xg().length) {
                throw new IllegalStateException("worker " + n + " returned " + f.gradient().length
                        + " feedback floats for a batch of " + b.xg().length);
            }
            counter.record(f, Role.WORKER, Role.SERVER);
            out.add(f);
        }
        return out;
    }

    @Override
    public void swap(long round, int[] peers) {
        checkPermutation(peers, workers.size());
        List<DiscriminatorState> states = new ArrayList<>();
        for (int n = 0; n < workers.size(); n++) {
            SwapOrder order = new SwapOrder(n, round, peers[n]);
            counter.record(order, Role.SERVER, Role.WORKER);
            states.add(workers.get(n).exportDiscriminator(round));
        }
        for (int n = 0; n < workers.size(); n++) {
            counter.record(states.get(n), Role.WORKER, Role.WORKER);
            workers.get(peers[n]).importDiscriminator(states.get(n));
        }
    }

    /** Throws unless {@code p} is a permutation of {@code 0..n-1}. */
    public static void checkPermutation(int[] p, int n) {
        if (p.length != n) {
            throw new IllegalArgumentException("swap of " + p.length + " workers, there are " + n);
        }
        boolean[] seen = new boolean[n];
        for (int v : p) {
            if (v < 0 || v >= n || seen[v]) {
                throw new IllegalArgumentException("swap peers are not a permutation of the workers");
            }
            seen[v] = true;
        }
    }

    @Override
    public Traffic traffic() {
        return counter.snapshot();
    }

    @Override
    public void close() {}
}
