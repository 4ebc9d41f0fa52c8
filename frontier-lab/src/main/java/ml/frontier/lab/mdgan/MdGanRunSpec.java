package ml.frontier.lab.mdgan;

import ml.frontier.gan.GanMode;

import java.util.Locale;

/** One configuration of the comparison. */
public record MdGanRunSpec(GanMode mode, int workers, int batch, boolean swap) {

    public String name() {
        return switch (mode) {
            case STANDALONE -> String.format(Locale.ROOT, "standalone b=%d", batch);
            case FLGAN -> String.format(Locale.ROOT, "FL-GAN N=%d b=%d", workers, batch);
            case MDGAN -> String.format(Locale.ROOT, "MD-GAN N=%d b=%d %s", workers, batch, swap ? "swap" : "no-swap");
        };
    }
}
