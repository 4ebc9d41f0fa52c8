package ml.frontier.gan.transport;

/**
 * Worker → worker at a swap: a discriminator's parameters θ and, optionally, its Adam state
 * (step count, first and second moments, one array per parameter in block order; no moment
 * arrays at all when the state stays behind). Payload: |θ| floats as the paper counts, 3·|θ|
 * with the Adam state.
 */
public record DiscriminatorState(int fromWorker, long round, float[][] parameters, long adamStep,
                                 float[][] firstMoment, float[][] secondMoment) implements Message {

    public DiscriminatorState {
        boolean withAdam = firstMoment.length > 0 || secondMoment.length > 0;
        if (withAdam && (parameters.length != firstMoment.length || parameters.length != secondMoment.length)) {
            throw new IllegalArgumentException("discriminator state: " + parameters.length + " parameters but "
                    + firstMoment.length + "/" + secondMoment.length + " moment arrays");
        }
        for (int i = 0; withAdam && i < parameters.length; i++) {
            if (firstMoment[i].length != parameters[i].length || secondMoment[i].length != parameters[i].length) {
                throw new IllegalArgumentException("discriminator state: moments of parameter " + i + " have the wrong size");
            }
        }
    }

    /** θ without the optimizer state. */
    public static DiscriminatorState parametersOnly(int fromWorker, long round, float[][] parameters) {
        return new DiscriminatorState(fromWorker, round, parameters, 0, new float[0][], new float[0][]);
    }

    public boolean hasAdamState() {
        return firstMoment.length > 0;
    }

    @Override
    public long payloadFloats() {
        return Message.count(parameters) + Message.count(firstMoment) + Message.count(secondMoment);
    }

    @Override
    public long payloadInts() {
        return 0;
    }
}
