package ml.frontier.gan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * ACGAN losses on a discriminator output of {@code N × (1 + classes)}: column 0 is the
 * real/fake logit, the rest are class logits. All are means over the batch.
 *
 * <p>The discriminator minimises BCE(real, 1) + CE(class | real) + BCE(fake, 0) + CE(class | fake),
 * i.e. maximises the paper's Ã + B̃ plus the ACGAN class terms (natural logarithms: the paper's
 * base 2 only rescales the loss, which Adam ignores). The generator minimises either the
 * non-saturating BCE(D(G(z)), 1) + CE(y | G(z)) or the paper's minimax
 * −BCE(D(G(z)), 0) + CE(y | G(z)) = mean log(1 − D(G(z))) + CE; the MD-GAN feedback is the
 * gradient of the chosen generator loss with respect to each generated sample.
 */
public final class GanLosses {

    private GanLosses() {}

    /** Mean binary cross-entropy of logits against a constant target 0 or 1, computed stably. */
    public static NDArray bce(NDArray logits, float target) {
        NDArray stable = logits.abs().neg().exp().add(1f).log();
        return logits.maximum(0f).sub(logits.mul(target)).add(stable).mean();
    }

    /** Mean cross-entropy of the class logits against {@code labels}. */
    public static NDArray classLoss(NDArray out, int[] labels, NDManager manager) {
        NDArray logits = out.get(":, 1:");
        long k = logits.getShape().get(1);
        NDArray y = manager.create(labels).oneHot((int) k);
        return logits.logSoftmax(1).mul(y).sum().neg().div(labels.length);
    }

    public static NDArray realFake(NDArray out) {
        return out.get(":, 0");
    }

    /** The discriminator's loss on a real batch and a fake batch. */
    public static NDArray discriminator(NDArray realOut, int[] realLabels, NDArray fakeOut, int[] fakeLabels, NDManager m) {
        String mode = System.getProperty("gan.dcls", "both");
        float one = Float.parseFloat(System.getProperty("gan.smooth", "1"));
        NDArray l = bce(realFake(realOut), one).add(bce(realFake(fakeOut), 0f));
        if (mode.equals("both")) return l.add(classLoss(realOut, realLabels, m)).add(classLoss(fakeOut, fakeLabels, m));
        if (mode.equals("real2")) return l.add(classLoss(realOut, realLabels, m).mul(2f));
        if (mode.equals("none")) return l;
        return l.add(classLoss(realOut, realLabels, m));
    }

    /** The non-saturating generator loss on the discriminator's output for generated samples. */
    public static NDArray generator(NDArray fakeOut, int[] fakeLabels, NDManager m) {
        return generator(fakeOut, fakeLabels, m, GeneratorLoss.NON_SATURATING);
    }

    /** The generator's loss of kind {@code loss} on the discriminator's output for generated samples. */
    public static NDArray generator(NDArray fakeOut, int[] fakeLabels, NDManager m, GeneratorLoss loss) {
        NDArray adversarial = loss == GeneratorLoss.MINIMAX ? bce(realFake(fakeOut), 0f).neg() : bce(realFake(fakeOut), 1f);
        if (System.getProperty("gan.gcls", "on").equals("off")) return adversarial;
        return adversarial.add(classLoss(fakeOut, fakeLabels, m));
    }
}
