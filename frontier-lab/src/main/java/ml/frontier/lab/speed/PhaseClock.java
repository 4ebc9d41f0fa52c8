package ml.frontier.lab.speed;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the calling thread per phase of a training loop, accumulated over an epoch. The
 * engine runs every operation synchronously; with one intra-op thread it runs them on the
 * calling thread, so these are the phases' full compute costs, unaffected by other processes
 * that compete for the cores. With more intra-op threads they are the calling thread's share.
 */
final class PhaseClock {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    enum Phase { BATCH, FORWARD, BACKWARD, OPTIMIZER }

    private final long[] nanos = new long[Phase.values().length];
    private long last;

    /** Starts timing from now. */
    void start() {
        last = threads.getCurrentThreadCpuTime();
    }

    /** Charges the time since the previous mark to {@code phase}. */
    void mark(Phase phase) {
        long now = threads.getCurrentThreadCpuTime();
        nanos[phase.ordinal()] += now - last;
        last = now;
    }

    /** Skips the time since the previous mark (it lands in "other"). */
    void skip() {
        last = threads.getCurrentThreadCpuTime();
    }

    /** The calling thread's CPU time now, in nanoseconds. */
    long now() {
        return threads.getCurrentThreadCpuTime();
    }

    /** The phases' seconds; "other" is what {@code totalSeconds} (thread CPU) leaves. */
    SpeedRow.Phases phases(double totalSeconds) {
        double b = nanos[0] / 1e9, f = nanos[1] / 1e9, bw = nanos[2] / 1e9, o = nanos[3] / 1e9;
        return new SpeedRow.Phases(b, f, bw, o, totalSeconds - b - f - bw - o);
    }
}
