package ml.frontier.lab.watermark;

/**
 * A family of unrelated models in the study's pool: {@code count} networks of one setup trained
 * on one data set with their own seeds, never shown any key.
 *
 * @param setup architecture and recipe
 * @param data {@link #OWNER_DATA}, {@link #ATTACKER_DATA} or {@link #FASHION}
 * @param count how many
 */
public record NullSpec(NetSetup setup, String data, int count) {

    /** The owner's two thirds of the training set. */
    public static final String OWNER_DATA = "owner";
    /** The attacker's third. */
    public static final String ATTACKER_DATA = "attacker";
    /** Fashion-MNIST's training set (Debian's dataset-fashion-mnist), skipped when not installed. */
    public static final String FASHION = "fashion";

    public NullSpec {
        if (count < 0) {
            throw new IllegalArgumentException("count must be at least 0, got " + count);
        }
        if (!data.equals(OWNER_DATA) && !data.equals(ATTACKER_DATA) && !data.equals(FASHION)) {
            throw new IllegalArgumentException("unknown null data '" + data + "'");
        }
    }
}
