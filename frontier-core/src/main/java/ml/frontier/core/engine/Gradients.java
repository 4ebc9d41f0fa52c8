package ml.frontier.core.engine;

import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The one gate to DJL's gradient collector.
 *
 * <p>DJL's PyTorch engine allows one open {@link GradientCollector} per JVM; two threads that
 * train or take input gradients at once would fail. Everything in Frontier that needs gradients
 * runs its backward pass through {@link #run}, which serialises them.
 */
public final class Gradients {

    /** A process-wide lock: the constraint it guards (one collector per JVM) is process-wide too. */
    private static final ReentrantLock LOCK = new ReentrantLock();

    private Gradients() {}

    /** Work that records a graph and calls {@code collector.backward(...)}. */
    @FunctionalInterface
    public interface Work<T> {
        T run(GradientCollector collector);
    }

    /** Runs {@code work} with an open collector, one caller at a time. */
    public static <T> T run(Work<T> work) {
        Engines.pytorch();
        LOCK.lock();
        try (GradientCollector gc = Engine.getEngine(Engines.PYTORCH).newGradientCollector()) {
            return work.run(gc);
        } finally {
            LOCK.unlock();
        }
    }
}
