package ml.frontier.gan;

import ml.frontier.core.FrontierException;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageGrid;
import ml.frontier.core.io.AtomicFiles;
import ml.frontier.core.progress.Progress;
import ml.frontier.gan.flgan.FlGan;
import ml.frontier.gan.mdgan.MdGanAlgorithm;
import ml.frontier.gan.metrics.GanScorer;
import ml.frontier.gan.metrics.GanScores;
import ml.frontier.gan.nets.GanArchitecture;
import ml.frontier.gan.nets.GanArchitectures;
import ml.frontier.core.report.LinePlot;
import ml.frontier.gan.train.GanHyper;
import ml.frontier.gan.train.Generator;
import ml.frontier.gan.train.Latent;
import ml.frontier.gan.train.Seeds;
import ml.frontier.gan.train.StandaloneGan;
import ml.frontier.gan.train.WorkMeter;
import ml.frontier.gan.transport.Role;
import ml.frontier.gan.transport.Traffic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A GAN training run, configured with a builder: the algorithm, its evaluation every I
 * iterations (MNIST score and Fréchet distance on {@code evalSamples} generated images against
 * as many test images, and a 10×10 sample grid), and its outputs (curve CSV and PNG, sample
 * grids, a Markdown summary) when an output directory is set.
 *
 * <pre>{@code
 * GanResult r = GanTraining.builder().setMode(GanMode.MDGAN).setData(data).optWorkers(5)
 *         .optIterations(2000).optOut(Path.of("runs/x")).build().train(progress);
 * }</pre>
 */
public final class GanTraining {

    private final Builder b;

    private GanTraining(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The setup the algorithm gets. */
    public GanSetup setup() {
        return new GanSetup(GanArchitectures.byName(b.network), b.hyper, b.data.train(), b.mode == GanMode.STANDALONE ? 1 : b.workers,
                b.batch, b.k, b.steps, b.epochsPerSwap, b.swap, b.seed, b.roundEvery);
    }

    /** Creates the algorithm of this run (standalone, FL-GAN or MD-GAN in process). */
    public GanAlgorithm algorithm() {
        GanSetup s = setup();
        return switch (b.mode) {
            case STANDALONE -> new StandaloneGan(s);
            case FLGAN -> new FlGan(s);
            case MDGAN -> new MdGanAlgorithm(s);
        };
    }

    /** Trains, evaluating every {@code evalEvery} iterations and at the end. */
    public GanResult train(Progress progress) throws FrontierException {
        GanSetup setup = setup();
        GanArchitecture arch = setup.architecture();
        if (b.out != null) {
            try {
                Files.createDirectories(b.out);
            } catch (IOException e) {
                throw new FrontierException("cannot create output directory " + b.out + ": " + e.getMessage(), e);
            }
        }
        GanScorer scorer = b.scorer;
        boolean ownScorer = false;
        if (scorer == null) {
            scorer = GanScorer.trainOrLoad(b.data.train(), b.data.test(), b.data.test().head(b.evalSamples),
                    b.out == null ? null : b.out.resolve("scorer.model"), b.seed, Progress.silent());
            ownScorer = true;
        }
        Random evalRng = new Random(Seeds.derive(b.seed, "eval", 0));
        Latent gridLatent = Latent.balanced(new Random(Seeds.derive(b.seed, "grid", 0)), 100, arch.latentSize(), arch.numClasses());
        List<GanEvaluation> curve = new ArrayList<>();
        Path lastGrid = null;
        long start = System.nanoTime();
        String label = describe(setup);
        try (GanAlgorithm algo = algorithm()) {
            long gCount = algo.generator().net().parameterCount();
            progress.start(label, b.iterations);
            String status = "";
            GanScores last = null;
            for (long t = b.evalAtStart ? 0 : 1; t <= b.iterations; t++) {
                if (t > 0) {
                    algo.step(t);
                }
                if (t % b.evalEvery == 0 || t == b.iterations) {
                    Generator g = algo.generator();
                    Latent l = Latent.balanced(evalRng, b.evalSamples, arch.latentSize(), arch.numClasses());
                    GanScores sc = scorer.score(g.images(l), l.labels());
                    last = sc;
                    GanEvaluation e = evaluation(t, sc, algo, start);
                    curve.add(e);
                    status = String.format(Locale.ROOT, "score %.3f FD %.2f", sc.score(), sc.frechet());
                    if (b.out != null) {
                        lastGrid = b.out.resolve(String.format(Locale.ROOT, "samples-%06d.png", t));
                        ImageBatch grid = g.images(gridLatent);
                        try {
                            ImageGrid.writePng(grid, 10, 2, lastGrid);
                            writeCurve(curve);
                        } catch (IOException ex) {
                            throw new FrontierException("cannot write to " + b.out + ": " + ex.getMessage(), ex);
                        }
                    }
                }
                progress.update(t, status);
            }
            double secs = (System.nanoTime() - start) / 1e9;
            Traffic tr = algo.traffic();
            WorkMeter.Snapshot w = algo.workerCompute();
            double[] per = w.perIteration(b.iterations);
            long sw = tr.flows().stream().filter(f -> f.from() == Role.WORKER && f.to() == Role.WORKER)
                    .mapToLong(Traffic.Flow::bytes).sum();
            long dCount = discriminatorCount(arch);
            GanResult r = new GanResult(b.mode, label, b.iterations, secs, curve, lastGrid, tr,
                    (double) tr.flows().stream().filter(f -> f.from() == Role.SERVER).mapToLong(Traffic.Flow::bytes).sum() / b.iterations,
                    (double) tr.flows().stream().filter(f -> f.to() == Role.SERVER).mapToLong(Traffic.Flow::bytes).sum() / b.iterations,
                    sw, per[0], new double[] {per[1], per[2], per[3], per[4]}, gCount, dCount, last);
            progress.finish(String.format(Locale.ROOT, "%s: %d iterations in %.1f s, final %s", label, b.iterations, secs, status));
            if (b.out != null) {
                try {
                    writePlots(curve, label);
                    AtomicFiles.writeString(b.out.resolve("summary.md"), GanReport.markdown(r, setup, scorer.accuracy()));
                } catch (IOException ex) {
                    throw new FrontierException("cannot write to " + b.out + ": " + ex.getMessage(), ex);
                }
            }
            return r;
        } finally {
            if (ownScorer) {
                scorer.close();
            }
        }
    }

    /** The curve row at iteration {@code t}: scores and the four budgets spent so far. */
    private GanEvaluation evaluation(long t, GanScores sc, GanAlgorithm algo, long start) {
        Traffic tr = algo.traffic();
        long total = 0, serverLink = 0, peer = 0;
        for (Traffic.Flow f : tr.flows()) {
            total += f.bytes();
            if (f.from() == Role.SERVER || f.to() == Role.SERVER) {
                serverLink += f.bytes();
            } else {
                peer += f.bytes();
            }
        }
        int n = b.mode == GanMode.STANDALONE ? 1 : b.workers;
        var cost = algo.cost();
        return new GanEvaluation(t, sc.score(), sc.frechet(), (System.nanoTime() - start) / 1e9, cost.generatedSamples(), total,
                cost.modelledSeconds(serverLink, peer / n, b.bandwidth));
    }

    private static long discriminatorCount(GanArchitecture arch) {
        try (var d = new ml.frontier.gan.train.Discriminator(arch, GanHyper.DEFAULT, 1)) {
            return d.net().parameterCount();
        }
    }

    /** "MD-GAN N=5 b=10 k=1 L=1 swap E=1" and the like. */
    public String describe(GanSetup s) {
        return switch (b.mode) {
            case STANDALONE -> String.format(Locale.ROOT, "standalone b=%d", s.batch());
            case FLGAN -> String.format(Locale.ROOT, "FL-GAN N=%d b=%d E=%d", s.workers(), s.batch(), s.epochsPerSwap());
            case MDGAN -> String.format(Locale.ROOT, "MD-GAN N=%d b=%d k=%d L=%d %s", s.workers(), s.batch(), s.k(),
                    s.discriminatorSteps(), s.swap() ? "swap E=" + s.epochsPerSwap() : "no swap");
        };
    }

    private void writeCurve(List<GanEvaluation> curve) throws IOException {
        StringBuilder sb = new StringBuilder("iteration,mnist_score,frechet,seconds\n");
        for (GanEvaluation e : curve) {
            sb.append(String.format(Locale.ROOT, "%d,%.5f,%.5f,%.3f%n", e.iteration(), e.score(), e.frechet(), e.seconds()));
        }
        AtomicFiles.writeString(b.out.resolve("curve.csv"), sb.toString());
    }

    private void writePlots(List<GanEvaluation> curve, String label) throws IOException {
        double[] x = curve.stream().mapToDouble(GanEvaluation::iteration).toArray();
        new LinePlot("MNIST score, " + label, "iteration", "score")
                .add(label, x, curve.stream().mapToDouble(GanEvaluation::score).toArray()).size(720, 400)
                .write(b.out.resolve("score.png"));
        new LinePlot("Frechet distance, " + label, "iteration", "FD")
                .add(label, x, curve.stream().mapToDouble(GanEvaluation::frechet).toArray()).size(720, 400)
                .write(b.out.resolve("frechet.png"));
    }

    /** Builder: {@code setX} for required values, {@code optX} for optional ones. */
    public static final class Builder {
        private GanMode mode = GanMode.MDGAN;
        private String network = GanArchitectures.MNIST_MLP;
        private TrainTest data;
        private int workers = 5;
        private int batch = 10;
        private int k = 1;
        private int steps = 1;
        private int epochsPerSwap = 1;
        private boolean swap = true;
        private long iterations = 1000;
        private long evalEvery = 500;
        private int evalSamples = 500;
        private Path out;
        private long seed = 1;
        private GanHyper hyper = GanHyper.DEFAULT;
        private GanScorer scorer;
        private int roundEvery;
        private boolean evalAtStart;
        private double bandwidth = 125e6;

        public Builder setMode(GanMode v) {
            mode = v;
            return this;
        }

        public Builder setData(TrainTest v) {
            data = v;
            return this;
        }

        public Builder optNetwork(String v) {
            network = v;
            return this;
        }

        public Builder optWorkers(int v) {
            workers = v;
            return this;
        }

        public Builder optBatch(int v) {
            batch = v;
            return this;
        }

        public Builder optK(int v) {
            k = v;
            return this;
        }

        public Builder optDiscriminatorSteps(int v) {
            steps = v;
            return this;
        }

        public Builder optEpochsPerSwap(int v) {
            epochsPerSwap = v;
            return this;
        }

        public Builder optSwap(boolean v) {
            swap = v;
            return this;
        }

        public Builder optIterations(long v) {
            iterations = v;
            return this;
        }

        public Builder optEvalEvery(long v) {
            evalEvery = v;
            return this;
        }

        public Builder optEvalSamples(int v) {
            evalSamples = v;
            return this;
        }

        public Builder optOut(Path v) {
            out = v;
            return this;
        }

        public Builder optSeed(long v) {
            seed = v;
            return this;
        }

        public Builder optHyper(GanHyper v) {
            hyper = v;
            return this;
        }

        /** Iterations between swaps / FL-GAN rounds, overriding ⌈m·E/b⌉ (0: from E). */
        public Builder optRoundEvery(int v) {
            roundEvery = v;
            return this;
        }

        /** Also scores the untrained generator (iteration 0), so curves start from the common initialisation. */
        public Builder optEvalAtStart(boolean v) {
            evalAtStart = v;
            return this;
        }

        /** Link bandwidth of the modelled parallel time, bytes per second (default 125e6: 1 Gbit/s). */
        public Builder optBandwidth(double v) {
            bandwidth = v;
            return this;
        }

        /** A scorer to share between runs (not closed by the run); by default each run trains or loads its own. */
        public Builder optScorer(GanScorer v) {
            scorer = v;
            return this;
        }

        public GanTraining build() {
            if (mode == null) {
                throw new IllegalArgumentException("mode is required");
            }
            if (data == null) {
                throw new IllegalArgumentException("data is required");
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
            }
            if (evalEvery < 1) {
                throw new IllegalArgumentException("eval-every must be at least 1, got " + evalEvery);
            }
            if (!(bandwidth > 0)) {
                throw new IllegalArgumentException("bandwidth must be positive, got " + bandwidth);
            }
            if (evalSamples < 2 || evalSamples > data.test().size()) {
                throw new IllegalArgumentException("eval samples must be in [2, " + data.test().size() + "], got " + evalSamples);
            }
            GanTraining t = new GanTraining(this);
            t.setup();
            return t;
        }
    }
}
