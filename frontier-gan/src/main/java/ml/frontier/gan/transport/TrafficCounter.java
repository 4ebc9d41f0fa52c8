package ml.frontier.gan.transport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Adds up the payload of every message a transport carries, per type and direction. Thread-safe. */
public final class TrafficCounter {

    private final Map<String, long[]> counts = new LinkedHashMap<>();

    /** Records one message from {@code from} to {@code to}. */
    public synchronized void record(Message m, Role from, Role to) {
        long[] c = counts.computeIfAbsent(m.getClass().getSimpleName() + "|" + from + "|" + to, k -> new long[3]);
        c[0]++;
        c[1] += m.payloadFloats();
        c[2] += m.payloadInts();
    }

    public synchronized Traffic snapshot() {
        List<Traffic.Flow> flows = new ArrayList<>();
        for (var e : counts.entrySet()) {
            String[] k = e.getKey().split("\\|");
            long[] c = e.getValue();
            flows.add(new Traffic.Flow(k[0], Role.valueOf(k[1]), Role.valueOf(k[2]), c[0], c[1], c[2]));
        }
        return new Traffic(flows);
    }
}
