package ml.frontier.lab.speed;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which DJL training loop to time. {@link #CORE} is Frontier's {@code ClassifierTrainer} as is;
 * the others are the lab's instrumented copy of its loop with one or more changes switched on.
 *
 * <p>The study's two winning changes (fused Adam, gathered cross-entropy) have since moved into
 * core: core's {@code Adam} is now the fused one, so every variant uses it and the
 * {@link #FUSED} flag no longer changes the optimizer; it stays so older result tables keep
 * their names.
 */
public enum Variant {
    /** {@code ml.frontier.core.train.ClassifierTrainer}, untouched. */
    CORE(false, false, false),
    /** The same loop as core, instrumented with per-phase timers (a check that it matches core). */
    LAB(false, false, false),
    /** Batches gathered natively from one tensor holding the whole training set. */
    GATHER(true, false, false),
    /** Adam as one fused native call per parameter (DJL's engine {@code adamUpdate}). */
    FUSED(false, true, false),
    /** Cross-entropy by gathering the label's log-probability instead of a one-hot product. */
    PICK(false, false, true),
    /** The changes that pay: fused Adam and the gathered cross-entropy (native batch gathering
     *  measured slower than the Java copy, so it stays off). */
    FAST(false, true, true),
    /** All three changes. */
    ALL(true, true, true);

    private final boolean nativeBatches;
    private final boolean fusedAdam;
    private final boolean pickLoss;

    Variant(boolean nativeBatches, boolean fusedAdam, boolean pickLoss) {
        this.nativeBatches = nativeBatches;
        this.fusedAdam = fusedAdam;
        this.pickLoss = pickLoss;
    }

    boolean nativeBatches() {
        return nativeBatches;
    }

    boolean fusedAdam() {
        return fusedAdam;
    }

    boolean pickLoss() {
        return pickLoss;
    }

    /** The lower-case name used on the command line and in the CSV. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a name such as {@code fast}. */
    public static Variant parse(String s) {
        for (Variant v : values()) {
            if (v.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown variant '" + s + "' (known: "
                + Arrays.stream(values()).map(Variant::label).collect(Collectors.joining(", ")) + ")");
    }
}
