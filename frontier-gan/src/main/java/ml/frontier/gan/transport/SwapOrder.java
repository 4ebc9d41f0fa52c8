package ml.frontier.gan.transport;

/** Server → worker: send your discriminator (with its optimizer state) to worker {@code peer}. */
public record SwapOrder(int workerId, long round, int peer) implements Message {

    @Override
    public long payloadFloats() {
        return 0;
    }

    /** The peer id (one int). */
    @Override
    public long payloadInts() {
        return 1;
    }
}
