package ml.frontier.gan.train;

/** Independent, reproducible seeds for each random stream of a run, derived from the run's seed. */
public final class Seeds {

    private Seeds() {}

    /** A seed for {@code purpose} (and {@code index}, e.g. a worker) derived from {@code seed}. */
    public static long derive(long seed, String purpose, int index) {
        long h = seed * 0x9E3779B97F4A7C15L + purpose.hashCode() * 0xC2B2AE3D27D4EB4FL + index * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h & 0x7FFFFFFFL;
    }
}
