package ml.frontier.lab.mdgan;

import ml.frontier.core.FrontierException;
import ml.frontier.core.data.DatasetLoader;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.progress.Progress;
import ml.frontier.gan.GanEvaluation;
import ml.frontier.gan.GanMode;
import ml.frontier.gan.GanResult;
import ml.frontier.gan.GanTraining;
import ml.frontier.gan.metrics.GanScorer;
import ml.frontier.lab.report.Csv;
import ml.frontier.core.report.LinePlot;
import ml.frontier.lab.report.MarkdownReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code frontier lab mdgan}: standalone GAN vs FL-GAN vs MD-GAN (with and without swaps) on
 * MNIST-MLP, for N ∈ {1, 5, 10} and b ∈ {10, 100} (quick: N ∈ {1, 5}, b = 10, few iterations).
 * Writes runs.csv, curves.csv, one score and one Fréchet plot per batch size, and summary.md.
 */
public final class MdGanLab {

    /** Settings of the comparison. */
    public record Config(String data, boolean quick, long iterations, long evalEvery, long seed, Path out) {}

    private final Config config;
    private final PrintWriter log;

    public MdGanLab(Config config, PrintWriter log) {
        this.config = config;
        this.log = log;
    }

    /** The runs of the comparison. */
    public List<MdGanRunSpec> runs() {
        List<MdGanRunSpec> out = new ArrayList<>();
        int[] batches = config.quick() ? new int[] {10} : new int[] {10, 100};
        int[] ns = config.quick() ? new int[] {5} : new int[] {5, 10};
        for (int b : batches) {
            out.add(new MdGanRunSpec(GanMode.STANDALONE, 1, b, false));
            out.add(new MdGanRunSpec(GanMode.MDGAN, 1, b, false));
            for (int n : ns) {
                out.add(new MdGanRunSpec(GanMode.FLGAN, n, b, false));
                out.add(new MdGanRunSpec(GanMode.MDGAN, n, b, true));
                out.add(new MdGanRunSpec(GanMode.MDGAN, n, b, false));
            }
        }
        return out;
    }

    public List<GanResult> run(Progress progress) throws FrontierException, IOException {
        Files.createDirectories(config.out());
        TrainTest data = DatasetLoader.load(config.data());
        List<GanResult> results = new ArrayList<>();
        List<MdGanRunSpec> specs = runs();
        try (GanScorer scorer = GanScorer.trainOrLoad(data.train(), data.test(), data.test().head(500),
                config.out().resolve("scorer.model"), config.seed(), Progress.silent())) {
            log.printf(Locale.ROOT, "scoring classifier: test accuracy %.4f, %d features%n", scorer.accuracy(), scorer.featureSize());
            log.flush();
            for (int i = 0; i < specs.size(); i++) {
                MdGanRunSpec s = specs.get(i);
                Path dir = config.out().resolve(String.format(Locale.ROOT, "run%02d-%s", i + 1,
                        s.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")));
                GanResult r = GanTraining.builder().setMode(s.mode()).setData(data).optWorkers(s.workers()).optBatch(s.batch())
                        .optSwap(s.swap()).optIterations(config.iterations()).optEvalEvery(config.evalEvery())
                        .optOut(dir).optScorer(scorer).optSeed(config.seed()).build().train(progress);
                results.add(r);
                log.printf(Locale.ROOT, "[%d/%d] %s: score %.3f (best %.3f), FD %.2f, %.1f s%n", i + 1, specs.size(), s.name(),
                        r.finalScore(), r.bestScore(), r.finalFrechet(), r.seconds());
                log.flush();
            }
            write(specs, results, scorer.accuracy());
        }
        return results;
    }

    private void write(List<MdGanRunSpec> specs, List<GanResult> results, double scorerAccuracy) throws IOException {
        Csv runs = new Csv("run", "mode", "workers", "batch", "swap", "iterations", "final_score", "best_score", "final_frechet",
                "seconds", "server_to_workers_bytes_per_iter", "workers_to_server_bytes_per_iter", "swap_bytes_total",
                "worker_ms_per_iter", "worker_d_fwd", "worker_d_bwd", "worker_g_fwd", "worker_g_bwd");
        Csv curves = new Csv("run", "iteration", "mnist_score", "frechet", "seconds");
        List<List<String>> table = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            MdGanRunSpec s = specs.get(i);
            GanResult r = results.get(i);
            double[] p = r.workerPassesPerIteration();
            runs.row(s.name(), s.mode(), s.workers(), s.batch(), s.swap(), r.iterations(), f(r.finalScore()), f(r.bestScore()),
                    f(r.finalFrechet()), f(r.seconds()), f(r.serverToWorkerBytesPerIteration()), f(r.workerToServerBytesPerIteration()),
                    r.workerToWorkerBytes(), f(r.workerMsPerIteration()), f(p[0]), f(p[1]), f(p[2]), f(p[3]));
            for (GanEvaluation e : r.curve()) {
                curves.row(s.name(), e.iteration(), f(e.score()), f(e.frechet()), f(e.seconds()));
            }
            table.add(List.of(s.name(), f(r.finalScore()), f(r.bestScore()), f(r.finalFrechet()), String.format(Locale.ROOT, "%.1f", r.seconds()),
                    String.format(Locale.ROOT, "%.0f", r.serverToWorkerBytesPerIteration()),
                    String.format(Locale.ROOT, "%.0f", r.workerToServerBytesPerIteration()),
                    String.format(Locale.ROOT, "%,d", r.workerToWorkerBytes()),
                    String.format(Locale.ROOT, "%.2f", r.workerMsPerIteration()),
                    String.format(Locale.ROOT, "%.0f/%.0f/%.0f/%.0f", p[0], p[1], p[2], p[3])));
        }
        runs.write(config.out().resolve("runs.csv"));
        curves.write(config.out().resolve("curves.csv"));
        MarkdownReport md = new MarkdownReport("MD-GAN vs FL-GAN vs standalone (" + config.data() + ", MNIST-MLP)");
        md.paragraph(String.format(Locale.ROOT, "%s mode: %d iterations per run, evaluation every %d on 500 generated vs 500 test images;"
                        + " seed %d; scoring classifier test accuracy %.4f. Wall times are on this machine (2 cores), runs one after another.",
                config.quick() ? "Quick" : "Full", config.iterations(), config.evalEvery(), config.seed(), scorerAccuracy));
        md.table(List.of("run", "final MNIST score", "best score", "final FD", "seconds", "server→workers B/it",
                "workers→server B/it", "swap bytes total", "worker ms/it", "worker samples D fwd/bwd, G fwd/bwd per it"), table);
        List<Integer> batches = specs.stream().map(MdGanRunSpec::batch).distinct().toList();
        for (int b : batches) {
            LinePlot score = new LinePlot("MNIST score, b=" + b, "iteration", "score");
            LinePlot fd = new LinePlot("Frechet distance, b=" + b, "iteration", "FD");
            for (int i = 0; i < specs.size(); i++) {
                if (specs.get(i).batch() != b) {
                    continue;
                }
                List<GanEvaluation> c = results.get(i).curve();
                double[] x = c.stream().mapToDouble(GanEvaluation::iteration).toArray();
                score.add(specs.get(i).name(), x, c.stream().mapToDouble(GanEvaluation::score).toArray());
                fd.add(specs.get(i).name(), x, c.stream().mapToDouble(GanEvaluation::frechet).toArray());
            }
            score.write(config.out().resolve("score-b" + b + ".png"));
            fd.write(config.out().resolve("frechet-b" + b + ".png"));
            md.image("MNIST score b=" + b, "score-b" + b + ".png");
            md.image("Frechet distance b=" + b, "frechet-b" + b + ".png");
        }
        md.heading("MD-GAN against FL-GAN at equal iterations");
        StringBuilder claims = new StringBuilder();
        for (int i = 0; i < specs.size(); i++) {
            MdGanRunSpec s = specs.get(i);
            if (s.mode() != GanMode.FLGAN) {
                continue;
            }
            for (int j = 0; j < specs.size(); j++) {
                MdGanRunSpec m = specs.get(j);
                if (m.mode() == GanMode.MDGAN && m.swap() && m.workers() == s.workers() && m.batch() == s.batch()) {
                    double a = results.get(j).finalScore(), c = results.get(i).finalScore();
                    claims.append(String.format(Locale.ROOT, "- N=%d b=%d: MD-GAN %.3f vs FL-GAN %.3f → %s%n", s.workers(), s.batch(),
                            a, c, a >= c ? "MD-GAN at least as good" : "FL-GAN better"));
                }
            }
        }
        md.paragraph(claims.toString());
        md.write(config.out(), "summary");
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
