package ml.frontier.lab.speed;

/**
 * Wall-clock time per phase of a training loop, accumulated over an epoch. The CPU engine runs
 * every operation synchronously, so the wall time between two marks is that phase's cost.
 */
final class PhaseClock {

    enum Phase { BATCH, FORWARD, BACKWARD, OPTIMIZER }

    private final long[] nanos = new long[Phase.values().length];
    private long last;

    /** Starts timing from now. */
    void start() {
        last = System.nanoTime();
    }

    /** Charges the time since the previous mark to {@code phase}. */
    void mark(Phase phase) {
        long now = System.nanoTime();
        nanos[phase.ordinal()] += now - last;
        last = now;
    }

    /** Skips the time since the previous mark (it lands in "other"). */
    void skip() {
        last = System.nanoTime();
    }

    /** The phases' seconds; "other" is what {@code totalSeconds} leaves. */
    SpeedRow.Phases phases(double totalSeconds) {
        double b = nanos[0] / 1e9, f = nanos[1] / 1e9, bw = nanos[2] / 1e9, o = nanos[3] / 1e9;
        return new SpeedRow.Phases(b, f, bw, o, totalSeconds - b - f - bw - o);
    }
}
