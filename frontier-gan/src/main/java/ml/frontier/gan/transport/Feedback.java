package ml.frontier.gan.transport;

/**
 * Worker → server, each MD-GAN iteration: F_n, the gradient of the worker's generator loss with
 * respect to each sample of X_n^(g) ({@code b} vectors of d floats, in the layout of the batch).
 */
public record Feedback(int workerId, long iteration, float[] gradient) implements Message {

    public Feedback {
        for (float g : gradient) {
            if (!Float.isFinite(g)) {
                throw new IllegalArgumentException("feedback of worker " + workerId + " holds a non-finite value");
            }
        }
    }

    @Override
    public long payloadFloats() {
        return gradient.length;
    }

    @Override
    public long payloadInts() {
        return 0;
    }
}
