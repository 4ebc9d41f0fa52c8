package ml.frontier.attack.finetune;

import java.util.Locale;

/** The four fine-tuning variants of Adi et al. (2018). */
public enum FineTuneMode {
    /** Fine-tune the last layer only. */
    FTLL(false, true),
    /** Fine-tune all layers. */
    FTAL(false, false),
    /** Re-initialise the last layer, then train it alone. */
    RTLL(true, true),
    /** Re-initialise the last layer, then train all layers. */
    RTAL(true, false);

    private final boolean reinitialize;
    private final boolean lastLayerOnly;

    FineTuneMode(boolean reinitialize, boolean lastLayerOnly) {
        this.reinitialize = reinitialize;
        this.lastLayerOnly = lastLayerOnly;
    }

    /** Whether the last layer gets fresh random values before training. */
    public boolean reinitialize() {
        return reinitialize;
    }

    /** Whether only the last layer is trained (the rest frozen). */
    public boolean lastLayerOnly() {
        return lastLayerOnly;
    }

    /** Parses "ftll", "FTAL", … */
    public static FineTuneMode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fine-tuning mode '" + s + "' (known: ftll, ftal, rtll, rtal)");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
