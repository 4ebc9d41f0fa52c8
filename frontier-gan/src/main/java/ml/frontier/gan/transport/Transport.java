package ml.frontier.gan.transport;

import java.util.List;

/**
 * How MD-GAN's server reaches its workers. The server calls it; an implementation delivers the
 * messages (in process, or over the network) and counts the bytes that cross it.
 *
 * <p>Contract for implementations: {@link #exchange} returns the {@link Feedback} of the
 * workers that answered (all of them unless some were dropped), each of the size of its X^(g)
 * and naming its worker; the server averages over those. {@link #swap} makes worker n send
 * its {@link DiscriminatorState} to worker {@code peers[n]} (a permutation: each worker
 * receives exactly one).
 */
public interface Transport extends AutoCloseable {

    /** The number of workers, N. */
    int workers();

    /** Sends worker n its {@code batches.get(n)} and returns the feedback of the workers that answered. */
    List<Feedback> exchange(List<GeneratedBatches> batches);

    /** Swap round {@code round}: worker n sends its discriminator and optimizer state to worker {@code peers[n]}. */
    void swap(long round, int[] peers);

    /** Bytes counted so far. */
    Traffic traffic();

    @Override
    void close();
}
