package ml.frontier.core.train;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the calling thread per phase of a training step, accumulated over an epoch. The
 * engine runs every operation synchronously; with one intra-op thread it runs them on the
 * calling thread, so these are the phases' full compute costs, unaffected by other processes
 * that compete for the cores. With more intra-op threads they are the calling thread's share.
 */
public final class StepClock {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /** The phases of one step; what falls between them is "other". */
    public enum Phase { BATCH, FORWARD, BACKWARD, OPTIMIZER }

    private final long[] nanos = new long[Phase.values().length];
    private long last;

    /** Starts timing from now. */
    public void start() {
        last = threads.getCurrentThreadCpuTime();
    }

    /** Charges the time since the previous mark to {@code phase}. */
    public void mark(Phase phase) {
        long now = threads.getCurrentThreadCpuTime();
        nanos[phase.ordinal()] += now - last;
        last = now;
    }

    /** Skips the time since the previous mark (it lands in "other"). */
    public void skip() {
        last = threads.getCurrentThreadCpuTime();
    }

    /** The calling thread's CPU time now, in nanoseconds. */
    public long now() {
        return threads.getCurrentThreadCpuTime();
    }

    /** The phases' seconds; "other" is what {@code totalSeconds} (thread CPU) leaves. */
    public TrainingReport.Phases phases(double totalSeconds) {
        double b = nanos[0] / 1e9, f = nanos[1] / 1e9, bw = nanos[2] / 1e9, o = nanos[3] / 1e9;
        return new TrainingReport.Phases(b, f, bw, o, totalSeconds - b - f - bw - o);
    }
}
