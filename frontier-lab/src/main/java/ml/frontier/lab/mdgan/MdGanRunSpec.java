package ml.frontier.lab.mdgan;

import ml.frontier.gan.GanMode;

import java.util.Locale;

/**
 * One run of the grid: an arm (mode, N, b, k) and a seed. Runs with the same seed share the
 * shards and the initial G and D, so arms can be compared in pairs.
 *
 * @param k MD-GAN's generated batches per iteration (1 for FL-GAN, where it means nothing)
 */
public record MdGanRunSpec(GanMode mode, int workers, int batch, int k, boolean logK, long seed) {

    /** "FL-GAN N=5 b=10" or "MD-GAN N=5 b=10 k=3". */
    public String arm() {
        return mode == GanMode.FLGAN ? String.format(Locale.ROOT, "FL-GAN N=%d b=%d", workers, batch)
                : String.format(Locale.ROOT, "MD-GAN N=%d b=%d k=%d", workers, batch, k);
    }

    /** The directory name of this run. */
    public String dirName() {
        return arm().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-s" + seed;
    }
}
