package ml.frontier.gan.transport;

import java.util.ArrayList;
import java.util.List;

/**
 * Counted traffic: per message type and direction, how many messages, payload floats and ints.
 * Bytes are payload bytes (4 per float or int, see {@link Message}).
 */
public record Traffic(List<Flow> flows) {

    /** Messages of one type from one role to another. */
    public record Flow(String type, Role from, Role to, long messages, long floats, long ints) {
        public long bytes() {
            return 4 * (floats + ints);
        }
    }

    public Traffic {
        flows = List.copyOf(flows);
    }

    public static Traffic empty() {
        return new Traffic(List.of());
    }

    /** Payload bytes sent by {@code role} (all messages of every instance of that role). */
    public long bytesSent(Role role) {
        return flows.stream().filter(f -> f.from() == role).mapToLong(Flow::bytes).sum();
    }

    public long bytesReceived(Role role) {
        return flows.stream().filter(f -> f.to() == role).mapToLong(Flow::bytes).sum();
    }

    /** The flow of {@code type} (by simple class name) from {@code from} to {@code to}, or an empty one. */
    public Flow flow(String type, Role from, Role to) {
        return flows.stream().filter(f -> f.type().equals(type) && f.from() == from && f.to() == to).findFirst()
                .orElse(new Flow(type, from, to, 0, 0, 0));
    }

    public long floats(String type, Role from, Role to) {
        return flow(type, from, to).floats();
    }

    /** This traffic minus an earlier snapshot of the same counter. */
    public Traffic minus(Traffic earlier) {
        List<Flow> out = new ArrayList<>();
        for (Flow f : flows) {
            Flow e = earlier.flow(f.type(), f.from(), f.to());
            out.add(new Flow(f.type(), f.from(), f.to(), f.messages() - e.messages(), f.floats() - e.floats(), f.ints() - e.ints()));
        }
        return new Traffic(out);
    }
}
