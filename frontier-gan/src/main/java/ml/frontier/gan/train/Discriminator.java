package ml.frontier.gan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.engine.Gradients;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.train.Adam;
import ml.frontier.gan.nets.GanArchitecture;
import ml.frontier.gan.nets.Net;

/**
 * The discriminator role: D with its Adam optimiser. It takes discriminator steps on a real
 * and a generated batch, and computes MD-GAN's error feedback: the gradient of the generator
 * loss with respect to each generated sample, on a detached copy of the samples.
 */
public final class Discriminator implements AutoCloseable {

    private final GanArchitecture architecture;
    private final Net net;
    private final Adam adam;
    private final WorkMeter meter = new WorkMeter();
    private final GeneratorLoss lossKind;

    public Discriminator(GanArchitecture architecture, GanHyper hyper, long seed) {
        this.architecture = architecture;
        ImageShape s = architecture.imageShape();
        this.net = Net.create("D", architecture.discriminator(), new Shape(2, s.channels(), s.height(), s.width()), seed);
        this.adam = new Adam(net.parameters(), net.manager(), hyper.discriminatorRate(), hyper.beta1(), hyper.beta2(), 1e-8f, 0f);
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

    /** One Adam step on the ACGAN discriminator loss; returns the loss before the step. */
    public float step(Dataset real, float[] fake, int[] fakeLabels) {
        long t0 = System.nanoTime();
        float loss = Gradients.run(gc -> {
            try (NDManager sub = net.manager().newSubManager()) {
                ParameterStore ps = new ParameterStore(sub, false);
                NDArray xr = sub.create(real.images().data(), new Shape(real.images().djlShape()));
                NDArray xf = sub.create(fake, shape(fakeLabels.length));
                NDArray l = GanLosses.discriminator(net.forward(ps, xr, true), real.labels(), net.forward(ps, xf, true), sub);
                gc.backward(l);
                return l.getFloat();
            }
        });
        adam.step();
        int n = real.size() + fakeLabels.length;
        meter.discriminator(n, n);
        meter.time(System.nanoTime() - t0);
        return loss;
    }

    /** F = ∂(generator loss)/∂x for generated samples {@code x} with classes {@code labels}; D is not changed. */
    public float[] feedback(float[] x, int[] labels) {
        long t0 = System.nanoTime();
        net.freeze(true);
        try {
            return Gradients.run(gc -> {
                try (NDManager sub = net.manager().newSubManager()) {
                    NDArray xs = sub.create(x, shape(labels.length));
                    xs.setRequiresGradient(true);
                    NDArray l = GanLosses.generator(net.forward(new ParameterStore(sub, false), xs, true), labels, sub, lossKind);
                    gc.backward(l);
                    try (NDArray g = xs.getGradient()) {
                        return g.toFloatArray();
                    }
                }
            });
        } finally {
            net.freeze(false);
            meter.discriminator(labels.length, labels.length);
            meter.time(System.nanoTime() - t0);
        }
    }

    private Shape shape(int n) {
        ImageShape s = architecture.imageShape();
        return new Shape(n, s.channels(), s.height(), s.width());
    }

    @Override
    public void close() {
        adam.close();
        net.close();
    }
}
