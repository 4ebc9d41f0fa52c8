package ml.frontier.lab.tamper;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.DatasetLoader;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.model.ModelSpec;
import ml.frontier.core.model.ModelZoo;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.train.ClassifierTrainer;
import ml.frontier.core.train.Evaluation;
import ml.frontier.core.train.TrainingConfig;
import ml.frontier.tamper.Acceptance;
import ml.frontier.tamper.DetectionCurve;
import ml.frontier.tamper.MarkerFile;
import ml.frontier.tamper.MarkerGenerator;
import ml.frontier.tamper.MarkerSet;
import ml.frontier.tamper.Margins;
import ml.frontier.tamper.benign.BenignSuite;
import ml.frontier.tamper.benign.CpuFeatures;
import ml.frontier.tamper.benign.FreshProcesses;
import ml.frontier.tamper.benign.OnnxRuntime;
import ml.frontier.tamper.benign.Redeployment;
import ml.frontier.tamper.benign.Rounded;
import ml.frontier.tamper.benign.Rounding;
import ml.frontier.tamper.strategy.MarkerStrategies;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The TamperNN study: for each network, trains the owner's model on two thirds of the training
 * set (embedded MNIST or Fashion-MNIST), makes 100 markers per strategy (timed, screened by the
 * margin floor and every benign re-deployment of {@link BenignSuite#full()}), checks them on
 * re-deployments the screening never saw, then attacks independent copies and measures how many
 * markers moved; the detection probability within n = 1…100 queries is averaged over copies and
 * random query orders.
 */
public final class TamperExperiment {

    /** Detection curves run over n = 1…CURVE queries. */
    static final int CURVE = 100;

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
        TrainTest data = DatasetLoader.load(config.data());
        TrainTest owner = data.ownerAndAttacker(1 / 3.0);
        List<DetectionRow> detections = new ArrayList<>();
        List<BenignRow> benign = new ArrayList<>();
        List<GenerationRow> generation = new ArrayList<>();
        for (TamperNet net : config.nets()) {
            NetCheckpoint done = NetCheckpoint.read(config.out(), net, log);
            if (done == null) {
                done = runNet(net, data, owner);
                done.write(config.out(), net);
            } else {
                log.println(net.label() + ": done in an earlier run (" + NetCheckpoint.file(config.out(), net) + ")");
            }
            detections.addAll(done.detections());
            benign.addAll(done.benign());
            generation.addAll(done.generation());
        }
        TamperLabResult r = new TamperLabResult(detections, benign, generation, (System.nanoTime() - t0) / 1e9);
        new TamperLabReport(config).write(r);
        return r;
    }

    private NetCheckpoint runNet(TamperNet net, TrainTest data, TrainTest owner) throws FrontierException, IOException {
        List<DetectionRow> detections = new ArrayList<>();
        List<GenerationRow> generation = new ArrayList<>();
        try (NetworkModel base = train(net, owner.train(), config.seed())) {
            double acc = Evaluation.accuracy(new DjlClassifier(base), data.test());
            log.printf(Locale.ROOT, "%s on %s: test accuracy %.4f%n", net.label(), config.data(), acc);
            log.flush();
            Map<String, MarkerSet> sets = markers(net, base, data.test().images(), generation);
            List<BenignRow> benign = benign(net, base, sets);
            for (LabAttack attack : TamperAttacks.of(config, net)) {
                detections.addAll(attack(net, base, data, attack, sets));
            }
            return new NetCheckpoint(detections, benign, generation);
        }
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
        BenignSuite suite = config.freshProcess() ? BenignSuite.full() : BenignSuite.inProcessOnly();
        for (String s : config.strategies()) {
            long t0 = System.nanoTime();
            MarkerSet m = new MarkerGenerator(MarkerStrategies.byName(s), Progress.silent())
                    .withSelection(MarkerStrategies.selectionFor(s)).withSuite(suite)
                    .generate(base, pool, config.markers(), config.seed());
            double secs = (System.nanoTime() - t0) / 1e9;
            double margin = Margins.median(Margins.of(clf.logits(m.images()), clf.numClasses()));
            Acceptance a = m.acceptance();
            rows.add(new GenerationRow(net.label(), s, m.size(), secs, margin, a.margins()[0], a.floorRatioMin(),
                    a.summary()));
            log.printf(Locale.ROOT, "  %-9s %d markers in %.1f s, median logit margin %.4f; %s%n", s, m.size(), secs,
                    margin, a.summary());
            log.flush();
            MarkerFile.write(m, markerFile(net, s));
            sets.put(s, m);
        }
        return sets;
    }

    private Path markerFile(TamperNet net, String strategy) {
        return config.out().resolve("markers").resolve(net.architecture() + "-" + strategy + ".markers");
    }

    /** Batch sizes marker screening never used. */
    private static final int[] HELD_OUT_BATCHES = {4, 7, 48, 100, 333, 1000};

    /**
     * Benign re-deployments the screening never saw: two fresh copies at held-out batch sizes,
     * ONNX Runtime and fresh JVMs (1 and 2 threads × every instruction set) at batch sizes 7 and
     * 333; and, outside what the margin floor promises, BF16 storage rounding.
     */
    private List<BenignRow> benign(TamperNet net, NetworkModel base, Map<String, MarkerSet> sets)
            throws FrontierException {
        List<BenignRow> rows = new ArrayList<>();
        try (NetworkModel c1 = base.copy(); NetworkModel c2 = c1.copy()) {
            NetworkModel[] copies = {c1, c2};
            for (int c = 0; c < copies.length; c++) {
                DjlClassifier clf = new DjlClassifier(copies[c], "copy", 1000);
                for (int b : HELD_OUT_BATCHES) {
                    for (var e : sets.entrySet()) {
                        rows.add(row(net, "copy" + (c + 1) + "/batch" + b, e.getKey(), e.getValue(),
                                clf.predictAll(e.getValue().images(), b), true));
                    }
                }
            }
        }
        List<Redeployment> others = new ArrayList<>();
        if (OnnxRuntime.applies(base)) {
            others.add(new OnnxRuntime(base, 7, 333));
        }
        if (config.freshProcess()) {
            others.add(new FreshProcesses(base, new int[] {1, 2}, CpuFeatures.instructionSets(), 7, 333));
        }
        others.add(new Rounded(base, Rounding.BF16));
        ImageBatch all = null;
        for (MarkerSet m : sets.values()) {
            all = all == null ? m.images() : all.concat(m.images());
        }
        for (Redeployment r : others) {
            for (var e : r.labels(all).entrySet()) {
                int at = 0;
                for (var set : sets.entrySet()) {
                    int n = set.getValue().size();
                    int[] labels = java.util.Arrays.copyOfRange(e.getValue(), at, at + n);
                    at += n;
                    boolean promised = !r.name().equals("rounding");
                    rows.add(row(net, r.name() + "/" + e.getKey(), set.getKey(), set.getValue(), labels, promised));
                }
            }
        }
        long checks = rows.stream().filter(BenignRow::heldOut).count();
        long alarms = rows.stream().filter(r -> r.heldOut() && r.moved() > 0).count();
        long bf16 = rows.stream().filter(r -> !r.heldOut() && r.moved() > 0).count();
        log.printf("  held-out benign re-deployments: %d set checks, %d with a moved marker; BF16 (not promised): %d of %d sets moved%n",
                checks, alarms, bf16, sets.size());
        log.flush();
        return rows;
    }

    private static BenignRow row(TamperNet net, String name, String strategy, MarkerSet m, int[] got, boolean heldOut) {
        return new BenignRow(net.label(), name, strategy, DetectionCurve.moved(m.labels(), got), m.size(), heldOut);
    }

    private List<DetectionRow> attack(TamperNet net, NetworkModel base, TrainTest data, LabAttack attack,
                                      Map<String, MarkerSet> sets) {
        int runs = attack.seeded() ? config.copies() : 1;
        Map<String, double[]> detection = new LinkedHashMap<>();
        Map<String, double[]> curves = new LinkedHashMap<>();
        Map<String, Double> moved = new LinkedHashMap<>();
        Map<String, Double> worst = new LinkedHashMap<>();
        Map<String, Integer> fewest = new LinkedHashMap<>();
        sets.keySet().forEach(s -> {
            detection.put(s, new double[TamperLabConfig.QUERIES.length]);
            curves.put(s, new double[CURVE]);
            moved.put(s, 0.0);
            worst.put(s, 1.0);
            fewest.put(s, Integer.MAX_VALUE);
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
                        double[] c = curves.get(e.getKey());
                        for (int q = 0; q < CURVE; q++) {
                            c[q] += DetectionCurve.probability(m.size(), f, q + 1);
                        }
                        worst.merge(e.getKey(), DetectionCurve.probability(m.size(), f, 10), Math::min);
                        fewest.merge(e.getKey(), f, Math::min);
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
                        new double[TamperLabConfig.QUERIES.length], new double[CURVE], Double.NaN, 0,
                        "not run: " + e.getMessage()));
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
            double[] c = curves.get(s);
            for (int q = 0; q < CURVE; q++) {
                c[q] /= runs;
            }
            rows.add(new DetectionRow(net.label(), attack.name(), s, runs, moved.get(s) / runs, accSum / runs, d, c,
                    worst.get(s), fewest.get(s), attack.seeded() ? "" : "deterministic attack: one copy"));
            line.append(String.format(Locale.ROOT, " %s %.3f", s, d[3]));
        }
        log.println(line + String.format(Locale.ROOT, "  (%d copies, %.0f s)", runs, (System.nanoTime() - t0) / 1e9));
        log.flush();
        return rows;
    }
}
