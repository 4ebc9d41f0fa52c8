package ml.frontier.gan.mdgan;

import ml.frontier.gan.train.Generator;
import ml.frontier.gan.train.Latent;
import ml.frontier.gan.train.Seeds;
import ml.frontier.gan.transport.Feedback;
import ml.frontier.gan.transport.GeneratedBatches;
import ml.frontier.gan.transport.Transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The MD-GAN server: holds G, and each iteration generates k batches, sends worker n (1-based)
 * X_n^(g) = X^((n mod k)+1) and X_n^(d) = X^(((n+1) mod k)+1), sums the feedback per batch,
 * backpropagates it through G averaged over the workers that answered (all N unless some were
 * dropped) and takes one Adam step. Every ⌈m·E/b⌉ iterations it orders a swap of
 * discriminators along a random cyclic permutation. The same class runs in process and over
 * the network: the schedule and the averaging live here, not in a transport.
 */
public final class MdGanServer implements AutoCloseable {

    private final MdGanConfig setup;
    private final Generator g;
    private final Transport transport;
    private Random latent;
    private final Random swaps;
    private long swapRounds;

    public MdGanServer(MdGanConfig setup, Transport transport) {
        if (transport.workers() != setup.workers()) {
            throw new IllegalArgumentException("transport reaches " + transport.workers() + " workers, setup has " + setup.workers());
        }
        this.setup = setup;
        this.transport = transport;
        this.g = new Generator(setup.architecture(), setup.hyper(), Seeds.derive(setup.seed(), "G", 0));
        this.latent = new Random(Seeds.derive(setup.seed(), "latent", 0));
        this.swaps = new Random(Seeds.derive(setup.seed(), "swap", 0));
    }

    /**
     * Continues a run checkpointed after {@code iteration} with {@code rounds} swaps done: the
     * swap permutations continue where they were; the latent stream restarts from a seed derived
     * from the iteration (its state is not checkpointed).
     */
    public void resume(long iteration, long rounds) {
        if (swapRounds != 0 || rounds < 0) {
            throw new IllegalStateException("resume must come first, with a non-negative number of swap rounds");
        }
        for (long r = 0; r < rounds; r++) {
            cyclicPermutation(setup.workers(), swaps);
        }
        swapRounds = rounds;
        latent = new Random(Seeds.derive(setup.seed(), "resume-latent", (int) iteration));
    }

    /** The index (0-based) of the batch that 0-based worker {@code n} computes feedback on: paper's (n' mod k) with n' = n+1. */
    public static int generatorBatch(int n, int k) {
        return (n + 1) % k;
    }

    /** The index (0-based) of the batch that 0-based worker {@code n} trains D on: paper's ((n'+1) mod k). */
    public static int discriminatorBatch(int n, int k) {
        return (n + 2) % k;
    }

    public Generator generator() {
        return g;
    }

    public long swapRounds() {
        return swapRounds;
    }

    /** One MD-GAN iteration (and a swap when one is due). */
    public void iterate(long iteration) {
        int k = setup.k(), b = setup.batch(), n = setup.workers();
        var a = setup.architecture();
        List<Latent> latents = new ArrayList<>(k);
        List<float[]> images = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            Latent l = Latent.sample(latent, b, a.latentSize(), a.numClasses());
            latents.add(l);
            images.add(g.generate(l));
        }
        int[] shape = {b, a.imageShape().channels(), a.imageShape().height(), a.imageShape().width()};
        List<GeneratedBatches> out = new ArrayList<>(n);
        for (int w = 0; w < n; w++) {
            int gi = generatorBatch(w, k), di = discriminatorBatch(w, k);
            out.add(new GeneratedBatches(w, iteration, shape, images.get(di), latents.get(di).labels(),
                    images.get(gi), latents.get(gi).labels()));
        }
        List<Feedback> feedback = transport.exchange(out);
        if (feedback.isEmpty()) {
            throw new IllegalStateException("iteration " + iteration + ": no feedback at all");
        }
        List<float[]> sums = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            sums.add(new float[images.get(j).length]);
        }
        for (Feedback fb : feedback) {
            float[] s = sums.get(generatorBatch(fb.workerId(), k));
            float[] f = fb.gradient();
            for (int i = 0; i < s.length; i++) {
                s[i] += f[i];
            }
        }
        g.applyFeedback(latents, sums, feedback.size());
        if (setup.swap() && n > 1 && iteration % setup.iterationsPerRound() == 0) {
            swapRounds++;
            transport.swap(swapRounds, cyclicPermutation(n, swaps));
        }
    }

    /**
     * A uniformly random cyclic permutation (Sattolo's algorithm): each worker sends its D to a
     * peer other than itself, and each receives exactly one.
     */
    public static int[] cyclicPermutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Override
    public void close() {
        g.close();
    }
}
