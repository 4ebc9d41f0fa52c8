package ml.frontier.lab.speed;

import ml.frontier.core.train.Adam;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which DJL training loop to time. {@link #CORE} is Frontier's {@code ClassifierTrainer} as is;
 * the others are the lab's instrumented copy of its loop with one or more changes switched on.
 *
 * <p>The study's two winning changes (one native Adam call per parameter, gathered
 * cross-entropy) have since moved into core, and core's {@code Adam} has since moved on to
 * libtorch's fused Adam (one call for all parameters): every variant uses core's default kernel
 * except {@link #FAST_ENGINE_ADAM}, which keeps the per-parameter engine call to time the change.
 * The {@link #FUSED} flag no longer changes anything; it stays so older result tables keep their
 * names.
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
    ALL(true, true, true),
    /** {@link #FAST} with the engine's per-parameter {@code adamUpdate}, core's kernel before the fused one. */
    FAST_ENGINE_ADAM(false, true, true),
    /** Not a DJL loop: one scripted train step per batch through the same libtorch (the reference). */
    TORCHSCRIPT(false, false, false);

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

    /** The Adam kernel this variant's loop runs. */
    Adam.Kernel adamKernel() {
        return this == FAST_ENGINE_ADAM ? Adam.Kernel.ENGINE : Adam.Kernel.FUSED;
    }

    /** The lower-case name used on the command line and in the CSV ({@code fast-engine-adam}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
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
