package ml.frontier.lab.watermark;

import ml.frontier.attack.Attack;
import ml.frontier.attack.AttackContext;
import ml.frontier.attack.AttackResult;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.classifier.OnnxClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.data.DatasetLoader;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.engine.Engines;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.model.ModelSpec;
import ml.frontier.core.model.ModelZoo;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.train.ClassifierTrainer;
import ml.frontier.core.train.Evaluation;
import ml.frontier.core.train.TrainingConfig;
import ml.frontier.watermark.DecisionRule;
import ml.frontier.watermark.Embedder;
import ml.frontier.watermark.FrontierStitching;
import ml.frontier.watermark.KeyFile;
import ml.frontier.watermark.KeyGenerator;
import ml.frontier.watermark.KeyScheme;
import ml.frontier.watermark.ReferenceSet;
import ml.frontier.watermark.Verification;
import ml.frontier.watermark.Verifier;
import ml.frontier.watermark.WatermarkKey;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the frontier-stitching study (see the package documentation) and writes its report.
 *
 * <p>Data: the embedded MNIST; owners train on the first two thirds of the training set, the
 * attacker holds the last third, accuracy is measured on the 2,000 test images. For each owner
 * network: train the owner's model; make one coin key and one paper key per ε (plus extra coin
 * keys with other seeds) and stitch each into a copy; check every key against a pool of unrelated
 * models (other seeds, other data, other architectures, PyTorch-made ONNX models) and against a
 * sham control per coin key (the owner's model fine-tuned as long, without the key); with
 * reference models, also under the conformal rule; then attack the models marked with the main
 * coin key and with the same key stitched with noisy copies of its images. Trained models are cached under the output directory, attacked copies' answers in a
 * journal, so a rerun resumes where the last one stopped.
 */
public final class WatermarkExperiment {

    private static final double ATTACKER_SHARE = 1 / 3.0;
    private static final String MAIN_KEY = "coin-0.1";
    /** The main key stitched with noisy copies of its images: does a wider mark survive attacks? */
    private static final String ROBUST_KEY = "coin-0.1-noisy";
    private static final int NOISY_COPIES = 4;
    private static final float NOISE_SIGMA = 0.05f;

    private final WatermarkLabConfig config;
    private final PrintWriter log;
    private final Progress progress;
    private final ModelCache cache;

    public WatermarkExperiment(WatermarkLabConfig config, PrintWriter log, Progress progress) {
        this.config = config;
        this.log = log;
        this.progress = progress;
        this.cache = new ModelCache(config.out().resolve("models"));
    }

    /** A key the study makes: its scheme, FGSM step, seed, report name and noisy copies stitched with it. */
    private record KeyPlan(KeyScheme scheme, float eps, long seed, String name, int noisyCopies) {}

    /** A key of the study stitched into a copy of the owner's model. */
    private record LabKey(String name, WatermarkKey key, NetworkModel marked, KeyRow row) {}

    /** Runs the study, writes CSV, PNG and Markdown into the output directory, returns the rows. */
    public WatermarkLabResult run() throws FrontierException, IOException {
        long start = System.nanoTime();
        String load = loadAverage();
        TrainTest data = DatasetLoader.embeddedMnist();
        TrainTest split = data.ownerAndAttacker(ATTACKER_SHARE);
        TrainTest owner = new TrainTest(split.train(), data.test());
        Dataset attacker = split.test();
        AnswerCache journal = new AnswerCache(config.out().resolve("attacked-answers.jsonl"));
        List<KeyRow> keyRows = new ArrayList<>();
        List<CheckRow> checks = new ArrayList<>();
        for (int i = 0; i < config.owners().size(); i++) {
            NetSetup net = config.owners().get(i);
            runOwner(net, config.references().get(i), owner, attacker, journal, keyRows, checks, () -> {
                try {
                    write(keyRows, checks, load, start);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return write(keyRows, checks, load, start);
    }

    private WatermarkLabResult write(List<KeyRow> keyRows, List<CheckRow> checks, String load, long start)
            throws IOException {
        String prov = String.format(Locale.ROOT, "%s; seed %d; embedded MNIST (owner 2/3 of 8,000 training images, "
                        + "attacker 1/3, 2,000 test images); load average at start %s; %s", Engines.versions(), config.seed(),
                load, config.quick() ? "quick configuration" : "full configuration");
        WatermarkLabResult r = new WatermarkLabResult(config, keyRows, checks, prov, (System.nanoTime() - start) / 1e9);
        new WatermarkReport(r).write(config.out());
        return r;
    }

    private void runOwner(NetSetup net, int references, TrainTest owner, Dataset attacker, AnswerCache journal,
                          List<KeyRow> keyRows, List<CheckRow> checks, Runnable report) throws FrontierException {
        String label = net.label();
        say("== owner %s: training (or loading) the owner's model", label);
        List<LabKey> keys = new ArrayList<>();
        try (NetworkModel base = cache.get("owner-" + label, () -> train(net, owner.train(), config.seed()))) {
            double baseAcc = Evaluation.accuracy(new DjlClassifier(base), owner.test());
            say("   owner's model: test accuracy %.4f", baseAcc);
            makeKeys(net, base, baseAcc, owner, keys, keyRows);
            if (keys.isEmpty()) {
                return;
            }
            // first every check without references (the sound default rule first), then, once the
            // reference models exist, the same checks again with the conformal rule: cached models
            // and journalled answers make the second pass cheap
            checkAll(net, base, owner, attacker, journal, keys, Map.of(), checks, report);
            if (references > 0) {
                Map<String, ReferenceSet> refs = references(net, references, owner, keys);
                checks.removeIf(c -> c.owner().equals(label));
                checkAll(net, base, owner, attacker, journal, keys, refs, checks, report);
            }
        } finally {
            keys.forEach(k -> k.marked().close());
        }
    }

    private void checkAll(NetSetup net, NetworkModel base, TrainTest owner, Dataset attacker, AnswerCache journal,
                          List<LabKey> keys, Map<String, ReferenceSet> refs, List<CheckRow> checks, Runnable report)
            throws FrontierException {
        Verifier verifier = new Verifier();
        for (LabKey k : keys) {
            int m = Verifier.mismatches(k.key(), Verifier.query(new DjlClassifier(k.marked()), k.key()).answers());
            addChecks(checks, net.label(), k, "marked", "marked", "marked", k.row().testAfter(), true, m, refs.get(k.name()),
                    verifier);
        }
        checkNulls(net, owner, attacker, keys, refs, checks, verifier);
        checkShams(net, base, owner, keys, refs, checks, verifier);
        report.run();
        for (LabKey k : keys) {
            if (k.name().equals(MAIN_KEY) || k.name().equals(ROBUST_KEY)) {
                attack(net, k, owner, attacker, journal, refs, checks, verifier);
                report.run();
            }
        }
    }

    private void makeKeys(NetSetup net, NetworkModel base, double baseAcc, TrainTest owner, List<LabKey> keys,
                          List<KeyRow> keyRows) throws FrontierException {
        List<KeyPlan> plan = new ArrayList<>();
        for (float eps : config.epsilons()) {
            plan.add(new KeyPlan(KeyScheme.COIN, eps, config.seed(), "coin-" + eps, 0));
        }
        plan.add(new KeyPlan(KeyScheme.COIN, 0.1f, config.seed(), ROBUST_KEY, NOISY_COPIES));
        for (int j = 1; j <= config.extraCoinKeys(); j++) {
            plan.add(new KeyPlan(KeyScheme.COIN, 0.1f, config.seed() + 100L * j, "coin-0.1-s" + j, 0));
        }
        for (float eps : config.epsilons()) {
            plan.add(new KeyPlan(KeyScheme.PAPER, eps, config.seed(), "paper-" + eps, 0));
        }
        for (int j = 1; j <= config.extraCoinKeys(); j++) {
            plan.add(new KeyPlan(KeyScheme.PAPER, 0.1f, config.seed() + 100L * j, "paper-0.1-s" + j, 0));
        }
        for (KeyPlan p : plan) {
            KeyScheme scheme = p.scheme();
            float eps = p.eps();
            String name = p.name();
            LabKey k = makeKey(net, base, baseAcc, owner, scheme, eps, p.seed(), name, p.noisyCopies());
            if (k == null) {
                keyRows.add(new KeyRow(net.label(), name, scheme.id(), eps, Double.NaN, baseAcc, Double.NaN, Double.NaN, 0,
                        -1, "key generation failed"));
                continue;
            }
            keys.add(k);
            keyRows.add(k.row());
            say("   key %-12s: %d counted + %d anchors, stitched in %d epochs, key accuracy %.3f, test %.4f -> %.4f, "
                    + "marked m = %d", name, k.key().countedSize(), k.key().anchors(), k.row().epochs(),
                    k.row().keyAccuracy(), k.row().testBefore(), k.row().testAfter(), k.row().markedM());
        }
    }

    private LabKey makeKey(NetSetup net, NetworkModel base, double baseAcc, TrainTest owner, KeyScheme scheme, float eps,
                           long seed, String name, int noisyCopies) throws FrontierException {
        Path keyFile = config.out().resolve("keys").resolve(net.label().replaceAll("[^A-Za-z0-9._=-]+", "_") + "-" + name + ".key");
        String markedName = "marked-" + net.label() + "-" + name;
        if (Files.exists(keyFile) && cache.has(markedName)) {
            WatermarkKey key = KeyFile.read(keyFile);
            NetworkModel marked = cache.load(markedName);
            return new LabKey(name, key, marked, keyRow(net, name, key, marked, baseAcc, Double.NaN));
        }
        KeyGenerator.Config kc = KeyGenerator.Config.builder().optScheme(scheme).optKeySize(config.keySize())
                .optEpsilon(eps).optP(scheme == KeyScheme.COIN ? config.alpha() : config.paperP()).optSeed(seed)
                .optCoinSeed(seed).build();
        Embedder.Config ec = Embedder.Config.builder().optMaxEpochs(config.embedMaxEpochs()).optClip(net.clip())
                .optNoisyCopies(noisyCopies, NOISE_SIGMA).optSeed(seed).build();
        NetworkModel marked = base.copy();
        try {
            FrontierStitching.Marking mk = new FrontierStitching(kc, ec, Progress.silent()).mark(marked, owner);
            Files.createDirectories(keyFile.getParent());
            KeyFile.write(mk.key(), keyFile);
            NetworkModel cached = cache.get(markedName, () -> marked);
            return new LabKey(name, mk.key(), cached, keyRow(net, name, mk.key(), cached, baseAcc, mk.keySeconds()));
        } catch (FrontierException e) {
            marked.close();
            say("   key %s: %s", name, e.getMessage());
            return null;
        } catch (IOException e) {
            marked.close();
            throw new FrontierException(keyFile + ": " + e.getMessage());
        }
    }

    /** The key's row, read back from the marked model's history (so a resumed run reports it too). */
    private static KeyRow keyRow(NetSetup net, String name, WatermarkKey key, NetworkModel marked, double baseAcc,
                                 double keySeconds) throws FrontierException {
        Map<String, Object> step = Map.of();
        for (Map<String, Object> s : marked.metadata().history()) {
            if ("watermark:embed".equals(s.get("op"))) {
                step = s;
            }
        }
        int m = Verifier.mismatches(key, Verifier.query(new DjlClassifier(marked), key).answers());
        return new KeyRow(net.label(), name, key.scheme().id(), key.epsilon(), keySeconds, baseAcc,
                number(step, "testAccuracyAfter"), number(step, "keyAccuracy"), (int) number(step, "epochs"), m, "");
    }

    private static double number(Map<String, Object> step, String name) {
        return step.get(name) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** Reference answers per key for the conformal rule, from {@code n} models trained like the owner's. */
    private Map<String, ReferenceSet> references(NetSetup net, int n, TrainTest owner, List<LabKey> keys)
            throws FrontierException {
        Map<String, ReferenceSet> out = new LinkedHashMap<>();
        if (n == 0) {
            return out;
        }
        say("   %d reference models (owner's recipe, seeds %d..)", n, config.seed() + 50_000);
        Map<String, List<int[]>> rows = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        progress.start("reference models " + net.label(), n);
        for (int j = 0; j < n; j++) {
            long seed = config.seed() + 50_000 + j;
            try (NetworkModel r = cache.get("ref-" + net.label() + "-" + j, () -> train(net, owner.train(), seed))) {
                names.add("ref-" + j);
                for (LabKey k : keys) {
                    rows.computeIfAbsent(k.name(), x -> new ArrayList<>())
                            .add(Verifier.query(new DjlClassifier(r), k.key()).answers());
                }
            }
            progress.update(j + 1, "seed " + seed);
        }
        progress.finish(n + " reference models");
        String recipe = String.format(Locale.ROOT, "%s, %d epochs on the owner's data, other seeds", net.label(), net.epochs());
        for (LabKey k : keys) {
            out.put(k.name(), new ReferenceSet(k.key().commitment(), names, rows.get(k.name()).toArray(new int[0][]), recipe));
        }
        return out;
    }

    private void checkNulls(NetSetup ownerNet, TrainTest owner, Dataset attacker, List<LabKey> keys,
                            Map<String, ReferenceSet> refs, List<CheckRow> checks, Verifier verifier)
            throws FrontierException {
        Dataset fashion = fashionTrain();
        int total = config.nulls().stream().mapToInt(this::count).sum();
        progress.start("null models vs " + ownerNet.label(), total);
        int done = 0;
        for (NullSpec spec : config.nulls()) {
            Dataset train = switch (spec.data()) {
                case NullSpec.ATTACKER_DATA -> attacker;
                case NullSpec.FASHION -> fashion;
                default -> owner.train();
            };
            if (train == null) {
                say("   skipping %d Fashion-MNIST null models: Debian's dataset-fashion-mnist is not installed", spec.count());
                continue;
            }
            String family = !spec.data().equals(NullSpec.OWNER_DATA) ? "other-data"
                    : spec.setup().equals(ownerNet) ? "same-arch-seed" : "other-arch";
            for (int i = 0; i < count(spec); i++) {
                long seed = config.seed() + 1000 + 37L * i + spec.data().hashCode() % 1000;
                String name = "null-" + spec.setup().label() + "-" + spec.data() + "-" + i;
                try (NetworkModel n = cache.get(name, () -> train(spec.setup(), train, seed))) {
                    check(checks, ownerNet, keys, refs, name, family, new DjlClassifier(n), owner.test(), verifier);
                }
                progress.update(++done, name);
            }
        }
        progress.finish(done + " null models checked");
        for (Path onnx : onnxNulls()) {
            try (OnnxClassifier c = OnnxClassifier.load(onnx, ImageShape.MNIST, 10)) {
                check(checks, ownerNet, keys, refs, "onnx-" + onnx.getFileName(), "pytorch-onnx", c, owner.test(), verifier);
            }
        }
    }

    private int count(NullSpec spec) {
        return (int) Math.ceil(spec.count() * config.nullScale());
    }

    private void checkShams(NetSetup net, NetworkModel base, TrainTest owner, List<LabKey> keys,
                            Map<String, ReferenceSet> refs, List<CheckRow> checks, Verifier verifier)
            throws FrontierException {
        for (LabKey k : keys) {
            if (!k.key().scheme().equals(KeyScheme.COIN)) {
                continue;
            }
            int epochs = Math.max(1, k.row().epochs());
            String name = "sham-" + net.label() + "-" + k.name();
            try (NetworkModel sham = cache.get(name, () -> {
                NetworkModel s = base.copy();
                new ClassifierTrainer(TrainingConfig.builder().optEpochs(epochs).optLearningRate(3e-4f).optClip(net.clip())
                        .optSeed(config.seed() + 7).build(), Progress.silent()).train(s, owner.train(), null);
                return s;
            })) {
                check(checks, net, keys, refs, name, "sham", new DjlClassifier(sham), owner.test(), verifier);
            }
        }
    }

    /** Checks one unrelated model against every key of the owner, under every rule that applies. */
    private void check(List<CheckRow> checks, NetSetup net, List<LabKey> keys, Map<String, ReferenceSet> refs,
                       String name, String family, Classifier c, Dataset test, Verifier verifier) throws FrontierException {
        double acc = Evaluation.accuracy(c, test);
        for (LabKey k : keys) {
            int m = Verifier.mismatches(k.key(), Verifier.query(c, k.key()).answers());
            addChecks(checks, net.label(), k, name, "null", family, acc, true, m, refs.get(k.name()), verifier);
        }
    }

    private void addChecks(List<CheckRow> checks, String owner, LabKey k, String subject, String group, String family,
                           double acc, boolean inBudget, int m, ReferenceSet refs, Verifier verifier)
            throws FrontierException {
        DecisionRule binomial = k.key().scheme() == KeyScheme.COIN ? DecisionRule.BINOMIAL : DecisionRule.PAPER;
        Verification v = verifier.decide(subject, k.key(), m, 0, binomial, null);
        checks.add(new CheckRow(owner, k.name(), subject, group, family, acc, inBudget, m, binomial.id(), v.alpha(),
                v.pValue(), v.watermarked()));
        if (refs != null) {
            Verification c = new Verifier(config.conformalAlpha()).decide(subject, k.key(), m, 0, DecisionRule.CONFORMAL, refs);
            checks.add(new CheckRow(owner, k.name(), subject, group, family, acc, inBudget, m, "conformal", c.alpha(),
                    c.pValue(), c.watermarked()));
        }
    }

    private void attack(NetSetup net, LabKey main, TrainTest owner, Dataset attacker, AnswerCache journal,
                        Map<String, ReferenceSet> refs, List<CheckRow> checks, Verifier verifier) throws FrontierException {
        NetSetup student = net.architecture().equals("mlp")
                ? new NetSetup("cnn", Map.of("conv1", "16", "conv2", "32", "dense", "64"), 2 * config.attackEpochs(), 1e-3f, 0)
                : new NetSetup("mlp", Map.of("hidden", "256"), 2 * config.attackEpochs(), 1e-3f, 0);
        Map<String, Attack> attacks = RemovalAttacks.of(config, student);
        double budget = main.row().testAfter() - config.budgetPoints() / 100;
        StringBuilder line = new StringBuilder("   attacks on " + main.name() + ":");
        for (Map.Entry<String, Attack> a : attacks.entrySet()) {
            for (int c = 0; c < config.copies(); c++) {
                String subject = net.label() + "/" + main.name() + "/" + a.getKey() + "#" + c;
                AnswerCache.Entry e = journal.get(subject);
                if (e == null) {
                    AttackContext ctx = new AttackContext(attacker, owner.test(), config.seed() + 11L * c, Progress.silent());
                    try {
                        AttackResult res = a.getValue().apply(main.marked(), ctx);
                        try (TrainableModel attacked = res.model()) {
                            e = new AnswerCache.Entry(res.accuracyAfter(), Map.of(main.name(),
                                    Verifier.query(new DjlClassifier(attacked), main.key()).answers()));
                        }
                        journal.put(subject, e);
                    } catch (FrontierException | RuntimeException ex) {
                        say("   %s failed: %s", subject, ex.getMessage());
                        continue;
                    }
                }
                int m = Verifier.mismatches(main.key(), e.answers().get(main.name()));
                addChecks(checks, net.label(), main, subject, "attack", a.getKey(), e.testAccuracy(),
                        e.testAccuracy() >= budget, m, refs.get(main.name()), verifier);
                line.append(String.format(Locale.ROOT, " %s m=%d acc %.3f;", a.getKey(), m, e.testAccuracy()));
            }
        }
        say("%s", line);
    }

    private NetworkModel train(NetSetup net, Dataset train, long seed) throws FrontierException {
        ModelZoo zoo = ModelZoo.standard();
        ModelSpec spec = zoo.spec(net.architecture(), net.hyper(), train.shape(), train.numClasses());
        NetworkModel m = NetworkModel.create(zoo, spec, seed);
        try {
            TrainingConfig tc = TrainingConfig.builder().optEpochs(net.epochs()).optLearningRate(net.learningRate())
                    .optClip(net.clip()).optSeed(seed).build();
            new ClassifierTrainer(tc, Progress.silent()).train(m, train, null);
            return m;
        } catch (FrontierException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    private List<Path> onnxNulls() throws FrontierException {
        if (config.onnxNulls() == null) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(config.onnxNulls())) {
            return s.filter(p -> p.toString().endsWith(".onnx")).sorted().toList();
        } catch (IOException e) {
            throw new FrontierException(config.onnxNulls() + ": cannot list the ONNX null models (" + e.getMessage() + ")");
        }
    }

    private static Dataset fashionTrain() throws FrontierException {
        if (!Files.isDirectory(DatasetLoader.FASHION_DIR)) {
            return null;
        }
        return DatasetLoader.load(DatasetLoader.FASHION).train().head(DatasetLoader.EMBEDDED_TRAIN);
    }

    private void say(String format, Object... args) {
        log.println(String.format(Locale.ROOT, format, args));
        log.flush();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
