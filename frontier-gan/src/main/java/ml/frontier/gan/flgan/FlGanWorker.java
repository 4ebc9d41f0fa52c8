package ml.frontier.gan.flgan;

import ml.frontier.core.data.Dataset;
import ml.frontier.gan.GanSetup;
import ml.frontier.gan.train.Discriminator;
import ml.frontier.gan.train.Generator;
import ml.frontier.gan.train.RealSampler;
import ml.frontier.gan.train.Seeds;
import ml.frontier.gan.train.StandaloneGan;
import ml.frontier.gan.transport.ModelState;

import java.util.Random;

/** An FL-GAN worker: a full GAN trained on its own shard; it sends and receives whole models. */
public final class FlGanWorker implements AutoCloseable {

    private final int id;
    private final GanSetup setup;
    private final Generator g;
    private final Discriminator d;
    private final RealSampler real;
    private final Random latent;

    public FlGanWorker(int id, GanSetup setup, Dataset shard) {
        this.id = id;
        this.setup = setup;
        this.g = new Generator(setup.architecture(), setup.hyper(), Seeds.derive(setup.seed(), "G", 0));
        this.d = new Discriminator(setup.architecture(), setup.hyper(), Seeds.derive(setup.seed(), "D", 0));
        this.real = new RealSampler(shard, Seeds.derive(setup.seed(), "real", id));
        this.latent = new Random(Seeds.derive(setup.seed(), "latent", id));
    }

    public int shardSize() {
        return real.shard().size();
    }

    /** One local GAN iteration; returns the generated samples it used. */
    public int step() {
        return StandaloneGan.iterate(g, d, real, latent, setup);
    }

    public ModelState export(long round) {
        return new ModelState(id, round, g.net().values(), d.net().values());
    }

    public void load(ModelState s) {
        g.net().setValues(s.generator());
        d.net().setValues(s.discriminator());
    }

    public Generator generator() {
        return g;
    }

    public Discriminator discriminator() {
        return d;
    }

    @Override
    public void close() {
        g.close();
        d.close();
    }
}
