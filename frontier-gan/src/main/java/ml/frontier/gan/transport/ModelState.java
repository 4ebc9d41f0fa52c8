package ml.frontier.gan.transport;

/**
 * FL-GAN, each way each round: a full GAN's parameters, G's (w) then D's (θ). Payload:
 * |w| + |θ| floats. Optimizer states stay on the workers.
 */
public record ModelState(int workerId, long round, float[][] generator, float[][] discriminator) implements Message {

    @Override
    public long payloadFloats() {
        return Message.count(generator) + Message.count(discriminator);
    }

    @Override
    public long payloadInts() {
        return 0;
    }
}
