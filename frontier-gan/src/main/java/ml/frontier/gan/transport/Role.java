package ml.frontier.gan.transport;

/** Who sends or receives a message. */
public enum Role {
    SERVER, WORKER
}
