package ml.frontier.lab.tamper;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.DatasetLoader;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.ModelSpec;
import ml.frontier.core.model.ModelZoo;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.train.ClassifierTrainer;
import ml.frontier.core.train.Evaluation;
import ml.frontier.core.train.TrainingConfig;
import ml.frontier.tamper.DetectionCurve;
import ml.frontier.tamper.MarkerFile;
import ml.frontier.tamper.MarkerGenerator;
import ml.frontier.tamper.MarkerSet;
import ml.frontier.tamper.Margins;
import ml.frontier.tamper.strategy.MarkerStrategies;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The TamperNN study: for each network, trains the owner's model on two thirds of the embedded
 * MNIST training set, makes 100 markers per strategy (timed), checks them on benign
 * re-deployments (two copies × eleven batch sizes, and a fresh JVM with 1 and 2 threads), then
 * attacks independent copies and measures how many markers moved; the detection probability
 * within n queries is averaged over copies and random query orders.
 */
public final class TamperExperiment {

    private static final int[] BATCHES = {1, 2, 3, 5, 8, 16, 32, 64, 128, 256, 512};

    private final TamperLabConfig config;
    private final PrintWriter log;
    private final Progress progress;

    public TamperExperiment(TamperLabConfig config, PrintWriter log, Progress progress) {
        this.config = config;
        this.log = log;
        this.progress = progress;
    }

    public TamperLabResult run() throws FrontierException, IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(config.out().resolve("markers"));
        TrainTest data = DatasetLoader.embeddedMnist();
        TrainTest owner = data.ownerAndAttacker(1 / 3.0);
        List<DetectionRow> detections = new ArrayList<>();
        List<BenignRow> benign = new ArrayList<>();
        List<GenerationRow> generation = new ArrayList<>();
        for (TamperNet net : config.nets()) {
            try (NetworkModel base = train(net, owner.train(), config.seed())) {
                double acc = Evaluation.accuracy(new DjlClassifier(base), data.test());
                log.printf(Locale.ROOT, "%s: test accuracy %.4f%n", net.label(), acc);
                log.flush();
                Map<String, MarkerSet> sets = markers(net, base, data.test().images(), generation);
                benign.addAll(benign(net, base, sets));
                for (LabAttack attack : TamperAttacks.of(config, net)) {
                    detections.addAll(attack(net, base, data, attack, sets));
                }
            }
        }
        TamperLabResult r = new TamperLabResult(detections, benign, generation, (System.nanoTime() - t0) / 1e9);
        new TamperLabReport(config).write(r);
        return r;
    }

    private NetworkModel train(TamperNet net, ml.frontier.core.data.Dataset train, long seed) throws FrontierException {
        ModelZoo zoo = ModelZoo.standard();
        ModelSpec spec = zoo.spec(net.architecture(), net.hyper(), train.shape(), train.numClasses());
        NetworkModel m = NetworkModel.create(zoo, spec, seed);
        try {
            TrainingConfig tc = TrainingConfig.builder().optEpochs(net.epochs()).optClip(net.clip()).optSeed(seed).build();
            new ClassifierTrainer(tc, progress).train(m, train, null);
            return m.rehash();
        } catch (FrontierException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    private Map<String, MarkerSet> markers(TamperNet net, NetworkModel base, ImageBatch pool, List<GenerationRow> rows)
            throws FrontierException, IOException {
        Map<String, MarkerSet> sets = new LinkedHashMap<>();
        DjlClassifier clf = new DjlClassifier(base);
        for (String s : config.strategies()) {
            long t0 = System.nanoTime();
            MarkerSet m = new MarkerGenerator(MarkerStrategies.byName(s), Progress.silent())
                    .generate(base, pool, config.markers(), config.seed());
            double secs = (System.nanoTime() - t0) / 1e9;
            double margin = Margins.median(Margins.of(clf.logits(m.images()), clf.numClasses()));
            rows.add(new GenerationRow(net.label(), s, m.size(), secs, margin));
            log.printf(Locale.ROOT, "  %-9s %d markers in %.1f s, median logit margin %.4f%n", s, m.size(), secs, margin);
            log.flush();
            MarkerFile.write(m, markerFile(net, s));
            sets.put(s, m);
        }
        return sets;
    }

    private Path markerFile(TamperNet net, String strategy) {
        return config.out().resolve("markers").resolve(net.architecture() + "-" + strategy + ".markers");
    }

    private List<BenignRow> benign(TamperNet net, NetworkModel base, Map<String, MarkerSet> sets)
            throws FrontierException, IOException {
        List<BenignRow> rows = new ArrayList<>();
        try (NetworkModel c1 = base.copy(); NetworkModel c2 = c1.copy()) {
            NetworkModel[] copies = {c1, c2};
            for (int c = 0; c < copies.length; c++) {
                DjlClassifier clf = new DjlClassifier(copies[c], "copy", 512);
                for (int b : BATCHES) {
                    for (var e : sets.entrySet()) {
                        int moved = DetectionCurve.moved(e.getValue().labels(), clf.predictAll(e.getValue().images(), b));
                        rows.add(new BenignRow(net.label(), "copy" + (c + 1) + "/batch" + b, e.getKey(), moved));
                    }
                }
            }
        }
        if (config.freshProcess()) {
            Path modelFile = config.out().resolve("markers").resolve(net.architecture() + ".model");
            try {
                ModelFile.save(base, modelFile);
            } catch (IOException e) {
                throw new FrontierException(modelFile + ": cannot write (" + e.getMessage() + ")");
            }
            for (int threads : new int[] {1, 2}) {
                rows.addAll(freshProcess(net, modelFile, sets, threads));
            }
        }
        long alarms = rows.stream().filter(r -> r.moved() > 0).count();
        log.printf("  benign re-deployments: %d checks, %d with a moved marker%n", rows.size(), alarms);
        log.flush();
        return rows;
    }

    private List<BenignRow> freshProcess(TamperNet net, Path modelFile, Map<String, MarkerSet> sets, int threads)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=" + threads,
                "-Dai.djl.pytorch.num_interop_threads=1", "-XX:MaxDirectMemorySize=256m",
                "-cp", System.getProperty("java.class.path"), FreshProcessCheck.class.getName(), modelFile.toString()));
        for (String s : sets.keySet()) {
            cmd.add(markerFile(net, s).toString());
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<BenignRow> rows = new ArrayList<>();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                log.println("  fresh JVM check (" + threads + " threads) failed; not counted");
                return rows;
            }
            for (String line : out.split("\n")) {
                String[] f = line.trim().split(" ");
                if (f.length == 3 && sets.containsKey(f[0])) {
                    rows.add(new BenignRow(net.label(), "fresh-jvm/threads" + threads, f[0], Integer.parseInt(f[1])));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            p.destroy();
        }
        return rows;
    }

    private List<DetectionRow> attack(TamperNet net, NetworkModel base, TrainTest data, LabAttack attack,
                                      Map<String, MarkerSet> sets) {
        int runs = attack.seeded() ? config.copies() : 1;
        Map<String, double[]> detection = new LinkedHashMap<>();
        Map<String, Double> moved = new LinkedHashMap<>();
        sets.keySet().forEach(s -> {
            detection.put(s, new double[TamperLabConfig.QUERIES.length]);
            moved.put(s, 0.0);
        });
        double accSum = 0;
        long t0 = System.nanoTime();
        progress.start(net.architecture() + " " + attack.name(), runs);
        try {
            for (int i = 0; i < runs; i++) {
                long seed = config.seed() * 1_000_003L + 7919L * (i + 1);
                try (TrainableModel attacked = attack.op().apply(base, data, seed)) {
                    DjlClassifier clf = new DjlClassifier(attacked);
                    accSum += Evaluation.accuracy(clf, data.test().head(1000));
                    for (var e : sets.entrySet()) {
                        MarkerSet m = e.getValue();
                        int f = DetectionCurve.moved(m.labels(), clf.predict(m.images()));
                        moved.merge(e.getKey(), (double) f, Double::sum);
                        double[] d = detection.get(e.getKey());
                        for (int q = 0; q < d.length; q++) {
                            d[q] += DetectionCurve.probability(m.size(), f, TamperLabConfig.QUERIES[q]);
                        }
                    }
                }
                progress.update(i + 1, "");
            }
        } catch (FrontierException | RuntimeException e) {
            progress.finish("failed");
            log.printf("  %-16s NOT RUN: %s%n", attack.name(), e.getMessage());
            log.flush();
            List<DetectionRow> rows = new ArrayList<>();
            for (String s : sets.keySet()) {
                rows.add(new DetectionRow(net.label(), attack.name(), s, 0, Double.NaN, Double.NaN,
                        new double[TamperLabConfig.QUERIES.length], "not run: " + e.getMessage()));
            }
            return rows;
        }
        progress.finish(attack.name() + " done");
        List<DetectionRow> rows = new ArrayList<>();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-16s acc %.3f  P(detect@10):",
                attack.name(), accSum / runs));
        for (String s : sets.keySet()) {
            double[] d = detection.get(s);
            for (int q = 0; q < d.length; q++) {
                d[q] /= runs;
            }
            rows.add(new DetectionRow(net.label(), attack.name(), s, runs, moved.get(s) / runs, accSum / runs, d,
                    attack.seeded() ? "" : "deterministic attack: one copy"));
            line.append(String.format(Locale.ROOT, " %s %.3f", s, d[3]));
        }
        log.println(line + String.format(Locale.ROOT, "  (%d copies, %.0f s)", runs, (System.nanoTime() - t0) / 1e9));
        log.flush();
        return rows;
    }
}
