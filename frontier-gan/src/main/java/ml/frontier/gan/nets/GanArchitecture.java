package ml.frontier.gan.nets;

import ai.djl.nn.Block;
import ml.frontier.core.image.ImageShape;

/**
 * A pair of GAN networks: a generator from {@link #latentSize()} floats to an image of
 * {@link #imageShape()} with values in [0,1], and an ACGAN discriminator with
 * {@code 1 + numClasses} outputs (a real/fake logit, then the class logits).
 */
public interface GanArchitecture {

    String name();

    String description();

    int latentSize();

    ImageShape imageShape();

    int numClasses();

    /** A fresh, uninitialised generator block: input {@code N × latentSize}, output {@code N×C×H×W}. */
    Block generator();

    /** A fresh, uninitialised discriminator block: input {@code N×C×H×W}, output {@code N × (1 + numClasses)}. */
    Block discriminator();

    /** The paper's |w| and |θ| for this architecture, for reports. */
    long paperGeneratorCount();

    long paperDiscriminatorCount();
}
