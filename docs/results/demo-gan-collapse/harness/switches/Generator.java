package ml.frontier.gan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.train.Adam;
import ml.frontier.core.train.Gradients;
import ml.frontier.gan.nets.ClassCode;
import ml.frontier.gan.nets.GanArchitecture;
import ml.frontier.gan.nets.Net;

import java.util.List;

/**
 * The generator role: G with its Adam optimiser. It generates batches, and updates G either
 * end to end through a discriminator (standalone GAN, FL-GAN) or from error feedback
 * (MD-GAN's server: backpropagating {@code sum(G(z) · F)} through G).
 */
public final class Generator implements AutoCloseable {

    private final GanArchitecture architecture;
    private final Net net;
    private final Adam adam;
    private final ClassCode code;
    private final WorkMeter meter = new WorkMeter();
    private final GeneratorLoss lossKind;

    public Generator(GanArchitecture architecture, GanHyper hyper, long seed) {
        this.architecture = architecture;
        this.net = Net.create("G", architecture.generator(), new Shape(1, new ClassCode(architecture.numClasses(), architecture.latentSize()).width()), seed);
        this.adam = new Adam(net.parameters(), net.manager(), hyper.generatorRate(), hyper.beta1(), hyper.beta2(), 1e-8f, 0f);
        this.code = new ClassCode(architecture.numClasses(), architecture.latentSize());
        this.lossKind = hyper.generatorLoss();
    }

    public Net net() {
        return net;
    }

    public Adam adam() {
        return adam;
    }

    public WorkMeter meter() {
        return meter;
    }

    public GanArchitecture architecture() {
        return architecture;
    }

    /** G(z) for one batch, as {@code n×C×H×W} floats in [0,1]. */
    public float[] generate(Latent latent) {
        long t0 = System.nanoTime();
        try (NDManager sub = net.manager().newSubManager()) {
            float[] out = net.forward(new ParameterStore(sub, false), input(latent, sub), true).toFloatArray();
            meter.generator(latent.n(), 0);
            meter.time(System.nanoTime() - t0);
            return out;
        }
    }

    public ImageBatch images(Latent latent) {
        return ImageBatch.of(generate(latent), latent.n(), architecture.imageShape());
    }

    /**
     * MD-GAN's server update: {@code Δw = (1/workers) Σ_j ∂/∂w sum(G(z_j) · F_j)} where
     * {@code F_j} is the sum of the feedbacks received for batch j and {@code workers} the number
     * of feedbacks, then one Adam step.
     */
    public void applyFeedback(List<Latent> batches, List<float[]> feedbackSums, int workers) {
        if (batches.size() != feedbackSums.size()) {
            throw new IllegalArgumentException(batches.size() + " batches but " + feedbackSums.size() + " feedbacks");
        }
        long t0 = System.nanoTime();
        ImageShape s = architecture.imageShape();
        Gradients.run(gc -> {
            try (NDManager sub = net.manager().newSubManager()) {
                ParameterStore ps = new ParameterStore(sub, false);
                NDArray total = null;
                for (int j = 0; j < batches.size(); j++) {
                    Latent l = batches.get(j);
                    NDArray x = net.forward(ps, input(l, sub), true);
                    NDArray f = sub.create(feedbackSums.get(j), new Shape(l.n(), s.channels(), s.height(), s.width()));
                    NDArray term = x.mul(f).sum();
                    total = total == null ? term : total.add(term);
                    meter.generator(l.n(), l.n());
                }
                gc.backward(total.div(workers));
                return null;
            }
        });
        adam.step();
        meter.time(System.nanoTime() - t0);
    }

    /**
     * One end-to-end generator step through {@code d} (whose parameters stay untouched):
     * minimise the ACGAN generator loss of D(G(z)).
     */
    public float stepThrough(Discriminator d, Latent latent) {
        long t0 = System.nanoTime();
        d.net().freeze(true);
        try {
            float loss = Gradients.run(gc -> {
                try (NDManager sub = net.manager().newSubManager()) {
                    ParameterStore ps = new ParameterStore(sub, false);
                    NDArray x = net.forward(ps, input(latent, sub), true);
                    NDArray out = d.net().forward(ps, x, true);
                    NDArray l = GanLosses.generator(out, latent.labels(), sub, lossKind);
                    gc.backward(l);
                    return l.getFloat();
                }
            });
            adam.step();
            meter.generator(latent.n(), latent.n());
            d.meter().discriminator(latent.n(), latent.n());
            return loss;
        } finally {
            d.net().freeze(false);
            meter.time(System.nanoTime() - t0);
        }
    }

    private NDArray input(Latent latent, NDManager sub) {
        return sub.create(code.condition(latent.z(), latent.labels()), new Shape(latent.n(), code.width()));
    }

    @Override
    public void close() {
        adam.close();
        net.close();
    }
}
