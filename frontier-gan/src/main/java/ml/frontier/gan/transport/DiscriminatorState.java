package ml.frontier.gan.transport;

/**
 * Worker → worker at a swap: a discriminator's parameters θ and its Adam state (step count,
 * first and second moments, one array per parameter in block order). Payload: 3·|θ| floats.
 */
public record DiscriminatorState(int fromWorker, long round, float[][] parameters, long adamStep,
                                 float[][] firstMoment, float[][] secondMoment) implements Message {

    public DiscriminatorState {
        if (parameters.length != firstMoment.length || parameters.length != secondMoment.length) {
            throw new IllegalArgumentException("discriminator state: " + parameters.length + " parameters but "
                    + firstMoment.length + "/" + secondMoment.length + " moment arrays");
        }
        for (int i = 0; i < parameters.length; i++) {
            if (firstMoment[i].length != parameters[i].length || secondMoment[i].length != parameters[i].length) {
                throw new IllegalArgumentException("discriminator state: moments of parameter " + i + " have the wrong size");
            }
        }
    }

    @Override
    public long payloadFloats() {
        return 3 * Message.count(parameters);
    }

    @Override
    public long payloadInts() {
        return 0;
    }
}
