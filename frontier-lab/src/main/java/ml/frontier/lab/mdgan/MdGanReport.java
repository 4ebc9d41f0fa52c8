package ml.frontier.lab.mdgan;

import ml.frontier.gan.GanEvaluation;
import ml.frontier.gan.GanEvaluation.Axis;
import ml.frontier.gan.GanMode;
import ml.frontier.gan.nets.GanArchitectures;
import ml.frontier.lab.report.Csv;
import ml.frontier.core.report.LinePlot;
import ml.frontier.lab.report.MarkdownReport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The grid's report: per (N, b, k) and per budget axis, the paired difference MD-GAN − FL-GAN
 * of the MNIST score and the Fréchet distance at the largest budget both arms reached, with a
 * 95% t interval over seeds; a winner only where the interval excludes zero. Also the worker's
 * compute and memory, curves of the seed-mean score, runs.csv, paired.csv and provenance.
 */
final class MdGanReport {

    /** |θ| and |w| of MNIST-MLP: a worker holds each with its two Adam moments. */
    private static final long THETA = 670_219, W = 716_560;

    private final MdGanLab.Config config;
    private final double scorerAccuracy;
    private final MdGanLab.Provenance provenance;

    MdGanReport(MdGanLab.Config config, double scorerAccuracy, MdGanLab.Provenance provenance) {
        this.config = config;
        this.scorerAccuracy = scorerAccuracy;
        this.provenance = provenance;
    }

    void write(Map<MdGanRunSpec, RunStore> results) throws IOException {
        Csv runs = new Csv("arm", "seed", "iterations", "final_score", "final_frechet", "seconds", "generated_samples", "bytes",
                "modelled_seconds", "worker_ms_per_iter");
        for (var e : results.entrySet()) {
            GanEvaluation last = e.getValue().curve().get(e.getValue().curve().size() - 1);
            runs.row(e.getKey().arm(), e.getKey().seed(), last.iteration(), last.score(), last.frechet(), last.seconds(),
                    last.generatedSamples(), last.bytes(), last.modelledSeconds(), e.getValue().workerMsPerIteration());
        }
        runs.write(config.out().resolve("runs.csv"));

        MarkdownReport md = new MarkdownReport("MD-GAN − FL-GAN in paired seeds (" + config.data() + ", MNIST-MLP ACGAN)");
        md.paragraph(String.format(Locale.ROOT, "%d iterations per run, evaluation every %d (and at 0) on 500 generated vs 500 test"
                        + " images, swaps and FL-GAN rounds every %s; seeds %s (each seed: the same shards and initial G, D for every"
                        + " arm); scoring classifier test accuracy %.4f. Intervals: mean of the per-seed differences ± t(0.975, n−1)·s/√n."
                        + " A winner is declared only where the interval excludes 0. Modelled time: server compute + slowest worker"
                        + " per iteration + bytes through the server's link and one worker's peer link at 1 Gbit/s.",
                config.iterations(), config.evalEvery(), config.roundEvery() > 0 ? config.roundEvery() + " iterations" : "epoch",
                config.seeds(), scorerAccuracy));
        Csv paired = new Csv("N", "b", "k", "axis", "pairs", "budget", "score_diff", "score_low", "score_high", "fd_diff", "fd_low",
                "fd_high");
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> work = new ArrayList<>();
        for (MdGanRunSpec fl : arms(results, GanMode.FLGAN)) {
            for (MdGanRunSpec mdArm : arms(results, GanMode.MDGAN)) {
                if (mdArm.workers() != fl.workers() || mdArm.batch() != fl.batch()) {
                    continue;
                }
                List<RunStore[]> pairs = pairs(results, fl, mdArm);
                if (pairs.size() < 2) {
                    continue;
                }
                for (Axis axis : Axis.values()) {
                    double[] ds = new double[pairs.size()], df = new double[pairs.size()];
                    double budget = 0;
                    for (int i = 0; i < pairs.size(); i++) {
                        List<GanEvaluation> m = pairs.get(i)[1].curve(), f = pairs.get(i)[0].curve();
                        double at = Math.min(CurveAt.end(m, axis), CurveAt.end(f, axis));
                        budget += at / pairs.size();
                        ds[i] = CurveAt.value(m, axis, at, GanEvaluation::score) - CurveAt.value(f, axis, at, GanEvaluation::score);
                        df[i] = CurveAt.value(m, axis, at, GanEvaluation::frechet) - CurveAt.value(f, axis, at, GanEvaluation::frechet);
                    }
                    PairedInterval s = PairedInterval.of(ds), fdi = PairedInterval.of(df);
                    paired.row(fl.workers(), fl.batch(), mdArm.k(), axis, s.n(), budget, s.mean(), s.low(), s.high(), fdi.mean(),
                            fdi.low(), fdi.high());
                    rows.add(List.of(String.valueOf(fl.workers()), String.valueOf(fl.batch()), mdArm.k() + (mdArm.logK() ? " (log)" : ""),
                            axis.name().toLowerCase(Locale.ROOT).replace('_', ' '), String.valueOf(s.n()), budgetText(axis, budget),
                            interval(s), interval(fdi), verdict(s.sign(), -fdi.sign())));
                }
            }
            work.add(workRow(results, fl));
        }
        for (MdGanRunSpec mdArm : arms(results, GanMode.MDGAN)) {
            work.add(workRow(results, mdArm));
        }
        paired.write(config.out().resolve("paired.csv"));
        md.heading("Paired differences MD-GAN − FL-GAN (score: higher is better; FD: lower is better)");
        md.table(List.of("N", "b", "k", "matched on", "pairs", "budget", "Δ score [95% CI]", "Δ FD [95% CI]", "verdict"), rows);
        md.heading("Worker compute and memory");
        md.paragraph("Memory: floats a worker holds in parameters and Adam moments (3 per parameter; activations not counted)."
                + " An MD-GAN worker holds D only, an FL-GAN worker G and D.");
        md.table(List.of("arm", "runs", "worker ms / iteration (mean)", "worker floats held"), work);
        curves(results, md);
        md.heading("Provenance");
        md.paragraph(String.format(Locale.ROOT, "Command: `%s`. Java %s, %s. Started %s with load average %s; report written %s with"
                        + " load average %s. Networks: %s.", provenance.command(), provenance.java(), provenance.os(),
                provenance.started(), provenance.loadAtStart(), provenance.now(), provenance.loadNow(),
                GanArchitectures.byName(GanArchitectures.MNIST_MLP).description()));
        md.write(config.out(), "summary");
    }

    private static String budgetText(Axis axis, double v) {
        return switch (axis) {
            case ITERATIONS -> String.format(Locale.ROOT, "%.0f it", v);
            case GENERATED_SAMPLES -> String.format(Locale.ROOT, "%,.0f samples", v);
            case BYTES -> String.format(Locale.ROOT, "%.1f MB", v / 1e6);
            case MODELLED_SECONDS -> String.format(Locale.ROOT, "%.1f s", v);
        };
    }

    private static String interval(PairedInterval p) {
        return String.format(Locale.ROOT, "%+.3f [%+.3f, %+.3f]", p.mean(), p.low(), p.high());
    }

    /** The verdict from the score's and the (negated) FD's interval signs: +1 favours MD-GAN. */
    private static String verdict(int score, int fd) {
        if (score == 0 && fd == 0) {
            return "no winner";
        }
        if (score >= 0 && fd >= 0) {
            return "MD-GAN";
        }
        if (score <= 0 && fd <= 0) {
            return "FL-GAN";
        }
        return "split (score and FD disagree)";
    }

    private List<String> workRow(Map<MdGanRunSpec, RunStore> results, MdGanRunSpec arm) {
        double ms = 0;
        int n = 0;
        for (var e : results.entrySet()) {
            if (e.getKey().arm().equals(arm.arm())) {
                ms += e.getValue().workerMsPerIteration();
                n++;
            }
        }
        long floats = 3 * (arm.mode() == GanMode.FLGAN ? THETA + W : THETA);
        return List.of(arm.arm(), String.valueOf(n), String.format(Locale.ROOT, "%.2f", ms / n), String.format(Locale.ROOT, "%,d", floats));
    }

    /** One representative spec per distinct arm of {@code mode}, in grid order. */
    private static List<MdGanRunSpec> arms(Map<MdGanRunSpec, RunStore> results, GanMode mode) {
        Map<String, MdGanRunSpec> out = new LinkedHashMap<>();
        for (MdGanRunSpec s : results.keySet()) {
            if (s.mode() == mode) {
                out.putIfAbsent(s.arm(), s);
            }
        }
        return List.copyOf(out.values());
    }

    /** {FL-GAN run, MD-GAN run} for every seed that both arms have finished. */
    private static List<RunStore[]> pairs(Map<MdGanRunSpec, RunStore> results, MdGanRunSpec fl, MdGanRunSpec md) {
        List<RunStore[]> out = new ArrayList<>();
        for (var e : results.entrySet()) {
            if (!e.getKey().arm().equals(fl.arm())) {
                continue;
            }
            for (var g : results.entrySet()) {
                if (g.getKey().arm().equals(md.arm()) && g.getKey().seed() == e.getKey().seed()) {
                    out.add(new RunStore[] {e.getValue(), g.getValue()});
                }
            }
        }
        return out;
    }

    /** Seed-mean score against iterations and against modelled time, one plot per (N, b). */
    private void curves(Map<MdGanRunSpec, RunStore> results, MarkdownReport md) throws IOException {
        md.heading("Curves (mean over seeds)");
        List<String> done = new ArrayList<>();
        for (MdGanRunSpec fl : arms(results, GanMode.FLGAN)) {
            String key = "n" + fl.workers() + "-b" + fl.batch();
            if (done.contains(key)) {
                continue;
            }
            done.add(key);
            for (Axis axis : List.of(Axis.ITERATIONS, Axis.MODELLED_SECONDS)) {
                String x = axis == Axis.ITERATIONS ? "iteration" : "modelled seconds";
                LinePlot plot = new LinePlot(String.format(Locale.ROOT, "MNIST score, N=%d b=%d", fl.workers(), fl.batch()), x, "score");
                for (MdGanRunSpec arm : arms(results, GanMode.FLGAN)) {
                    addMean(plot, results, arm, fl, axis);
                }
                for (MdGanRunSpec arm : arms(results, GanMode.MDGAN)) {
                    addMean(plot, results, arm, fl, axis);
                }
                String file = "score-" + key + (axis == Axis.ITERATIONS ? "" : "-time") + ".png";
                plot.write(config.out().resolve(file));
                md.image("score " + key + " vs " + x, file);
            }
        }
    }

    private static void addMean(LinePlot plot, Map<MdGanRunSpec, RunStore> results, MdGanRunSpec arm, MdGanRunSpec like, Axis axis) {
        if (arm.workers() != like.workers() || arm.batch() != like.batch()) {
            return;
        }
        List<List<GanEvaluation>> curves = new ArrayList<>();
        for (var e : results.entrySet()) {
            if (e.getKey().arm().equals(arm.arm())) {
                curves.add(e.getValue().curve());
            }
        }
        int len = curves.stream().mapToInt(List::size).min().orElse(0);
        double[] x = new double[len], y = new double[len];
        ToDoubleFunction<GanEvaluation> score = GanEvaluation::score;
        for (List<GanEvaluation> c : curves) {
            for (int i = 0; i < len; i++) {
                x[i] += c.get(i).budget(axis) / curves.size();
                y[i] += score.applyAsDouble(c.get(i)) / curves.size();
            }
        }
        plot.add(arm.arm(), x, y);
    }
}
