package ml.frontier.lab.mdgan;

import ml.frontier.core.FrontierException;
import ml.frontier.core.data.DatasetLoader;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.progress.Progress;
import ml.frontier.gan.GanMode;
import ml.frontier.gan.GanResult;
import ml.frontier.gan.GanSetup;
import ml.frontier.gan.GanTraining;
import ml.frontier.gan.metrics.GanScorer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code frontier lab mdgan}: MD-GAN against FL-GAN in paired seeds. Arms: FL-GAN, MD-GAN with
 * k = 1 and with k = ⌈log₂ N⌉, for N ∈ {5, 10} and b ∈ {10, 100} (quick: N = 5, b = 10); every
 * seed runs every arm on the same shards and initialisation. Each finished run is stored in its
 * own directory, so an interrupted grid continues with {@code --resume}. {@link MdGanReport}
 * writes the paired differences, curves and provenance.
 */
public final class MdGanLab {

    /**
     * Settings of the grid.
     *
     * @param seeds the paired seeds
     * @param roundEvery iterations between swaps and FL-GAN rounds (0: one epoch, ⌈m/b⌉)
     * @param reportOnly write the report from the finished runs in {@code out} and train nothing
     *        (for grids run in parts, e.g. by several processes whose run directories were merged)
     * @param command the command line, for the provenance
     */
    public record Config(String data, boolean quick, long iterations, long evalEvery, List<Long> seeds, int roundEvery,
                         boolean resume, boolean reportOnly, Path out, String command) {

        public Config {
            seeds = List.copyOf(seeds);
            if (seeds.size() < 2) {
                throw new IllegalArgumentException("paired differences need at least 2 seeds, got " + seeds.size());
            }
            if (iterations < 1 || evalEvery < 1) {
                throw new IllegalArgumentException("iterations and eval-every must be positive");
            }
        }
    }

    private final Config config;
    private final PrintWriter log;

    public MdGanLab(Config config, PrintWriter log) {
        this.config = config;
        this.log = log;
    }

    /** The runs of the grid, seed by seed (so a partial grid has complete pairs). */
    public List<MdGanRunSpec> runs() {
        List<MdGanRunSpec> out = new ArrayList<>();
        int[] batches = config.quick() ? new int[] {10} : new int[] {10, 100};
        int[] ns = config.quick() ? new int[] {5} : new int[] {5, 10};
        for (long seed : config.seeds()) {
            for (int n : ns) {
                for (int b : batches) {
                    out.add(new MdGanRunSpec(GanMode.FLGAN, n, b, 1, false, seed));
                    out.add(new MdGanRunSpec(GanMode.MDGAN, n, b, 1, false, seed));
                    out.add(new MdGanRunSpec(GanMode.MDGAN, n, b, GanSetup.logK(n), true, seed));
                }
            }
        }
        return out;
    }

    /** Runs (or, with resume, reads back) every run, then writes the report. */
    public Map<MdGanRunSpec, RunStore> run(Progress progress) throws FrontierException, IOException {
        Path runsDir = config.out().resolve("runs");
        Files.createDirectories(runsDir);
        List<MdGanRunSpec> specs = runs();
        if (!config.resume() && !config.reportOnly()) {
            for (MdGanRunSpec s : specs) {
                if (Files.exists(runsDir.resolve(s.dirName()).resolve(RunStore.FILE))) {
                    throw new IllegalArgumentException(config.out() + " already holds results: pass --resume to continue it,"
                            + " or choose another --out");
                }
            }
        }
        Provenance provenance = Provenance.start(config);
        TrainTest data = DatasetLoader.load(config.data());
        Map<MdGanRunSpec, RunStore> results = new LinkedHashMap<>();
        try (GanScorer scorer = GanScorer.trainOrLoad(data.train(), data.test(), data.test().head(500),
                config.out().resolve("scorer.model"), 1, Progress.silent())) {
            log.printf(Locale.ROOT, "scoring classifier: test accuracy %.4f%n", scorer.accuracy());
            log.flush();
            for (int i = 0; i < specs.size(); i++) {
                MdGanRunSpec s = specs.get(i);
                Path dir = runsDir.resolve(s.dirName());
                RunStore r = RunStore.read(dir);
                if (r == null && config.reportOnly()) {
                    log.printf(Locale.ROOT, "[%d/%d] %s seed %d: not finished, left out%n", i + 1, specs.size(), s.arm(), s.seed());
                    continue;
                }
                if (r == null) {
                    r = train(s, data, scorer, dir, progress);
                    r.write(dir);
                }
                results.put(s, r);
                var last = r.curve().get(r.curve().size() - 1);
                log.printf(Locale.ROOT, "[%d/%d] %s seed %d: score %.3f FD %.2f, %.1f s%n", i + 1, specs.size(), s.arm(), s.seed(),
                        last.score(), last.frechet(), last.seconds());
                log.flush();
                // The report is rewritten after every run, so a stopped grid leaves a readable partial one.
                if (!config.reportOnly()) {
                    new MdGanReport(config, scorer.accuracy(), provenance.finish()).write(results);
                }
            }
            if (config.reportOnly()) {
                new MdGanReport(config, scorer.accuracy(), provenance.finish()).write(results);
            }
        }
        return results;
    }

    private RunStore train(MdGanRunSpec s, TrainTest data, GanScorer scorer, Path dir, Progress progress) throws FrontierException {
        GanResult r = GanTraining.builder().setMode(s.mode()).setData(data).optWorkers(s.workers()).optBatch(s.batch())
                .optK(s.k()).optSwap(true).optRoundEvery(config.roundEvery()).optIterations(config.iterations())
                .optEvalEvery(config.evalEvery()).optEvalAtStart(true).optOut(dir).optScorer(scorer).optSeed(s.seed())
                .build().train(progress);
        return new RunStore(r.curve(), r.workerMsPerIteration());
    }

    /** Write-once facts about the machine and the command, and the load average when the report was last written. */
    record Provenance(String command, String java, String os, String loadAtStart, String started, String loadNow, String now) {

        static Provenance start(Config c) {
            String load = loadAverage();
            String t = Instant.now().toString();
            return new Provenance(c.command(), System.getProperty("java.version"), System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores", load, t, load, t);
        }

        Provenance finish() {
            return new Provenance(command, java, os, loadAtStart, started, loadAverage(), Instant.now().toString());
        }

        /** The 1, 5 and 15 minute load averages, as {@code uptime} prints them. */
        static String loadAverage() {
            try {
                String[] v = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
                return v[0] + ", " + v[1] + ", " + v[2];
            } catch (IOException | RuntimeException e) {
                return "unknown";
            }
        }
    }
}
