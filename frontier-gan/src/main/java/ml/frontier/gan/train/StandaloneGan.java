package ml.frontier.gan.train;

import ml.frontier.gan.GanAlgorithm;
import ml.frontier.gan.GanSetup;
import ml.frontier.gan.transport.Traffic;

import java.util.Random;

/**
 * The reference: one G and one D on all the data. Each iteration draws b latent samples,
 * takes L discriminator steps on (real batch, G(z)), then one generator step through D on fresh
 * noise (or, with {@link GanHyper#freshNoise()} off, on the same z: then, with the same seed,
 * it consumes its random streams exactly as MD-GAN with N = 1, k = 1).
 */
public final class StandaloneGan implements GanAlgorithm {

    private final GanSetup setup;
    private final Generator g;
    private final Discriminator d;
    private final RealSampler real;
    private final Random latent;
    private final CostClock cost = new CostClock();

    public StandaloneGan(GanSetup setup) {
        this.setup = setup;
        this.g = new Generator(setup.architecture(), setup.hyper(), Seeds.derive(setup.seed(), "G", 0));
        this.d = new Discriminator(setup.architecture(), setup.hyper(), Seeds.derive(setup.seed(), "D", 0));
        this.real = new RealSampler(setup.shards().get(0), Seeds.derive(setup.seed(), "real", 0));
        this.latent = new Random(Seeds.derive(setup.seed(), "latent", 0));
    }

    /** One GAN iteration on a full G and D: L discriminator steps, one generator step; returns the generated samples used. */
    public static int iterate(Generator g, Discriminator d, RealSampler real, Random latent, GanSetup s) {
        var a = s.architecture();
        Latent l = Latent.sample(latent, s.batch(), a.latentSize(), a.numClasses());
        float[] x = g.generate(l);
        for (int i = 0; i < s.discriminatorSteps(); i++) {
            d.step(real.next(s.batch()), x, l.labels());
        }
        Latent forG = s.hyper().freshNoise() ? Latent.sample(latent, s.batch(), a.latentSize(), a.numClasses()) : l;
        g.stepThrough(d, forG);
        return forG == l ? l.n() : l.n() + forG.n();
    }

    @Override
    public void step(long iteration) {
        long t0 = System.nanoTime();
        cost.generated(iterate(g, d, real, latent, setup));
        cost.workers(new long[] {System.nanoTime() - t0});
    }

    @Override
    public CostClock.Cost cost() {
        return cost.snapshot();
    }

    @Override
    public Generator generator() {
        return g;
    }

    public Discriminator discriminator() {
        return d;
    }

    @Override
    public Traffic traffic() {
        return Traffic.empty();
    }

    @Override
    public WorkMeter.Snapshot workerCompute() {
        WorkMeter.Snapshot a = g.meter().snapshot(), b = d.meter().snapshot();
        return new WorkMeter.Snapshot(a.nanos() + b.nanos(), b.dForward(), b.dBackward(), a.gForward(), a.gBackward());
    }

    @Override
    public void close() {
        g.close();
        d.close();
    }
}
