package ml.frontier.gan.transport;

/** What an MD-GAN worker does when messages arrive; a transport delivers them. */
public interface WorkerEndpoint {

    int id();

    /** L discriminator steps on a real batch and X^(d), then the feedback on X^(g). */
    Feedback onBatches(GeneratedBatches batches);

    /** This worker's discriminator and optimizer state, to send to a peer. */
    DiscriminatorState exportDiscriminator(long round);

    /** Replaces this worker's discriminator and optimizer state with a peer's. */
    void importDiscriminator(DiscriminatorState state);
}
