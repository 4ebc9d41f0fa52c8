package ml.frontier.lab.watermark;

import ml.frontier.attack.Attack;
import ml.frontier.attack.AttackContext;
import ml.frontier.attack.AttackResult;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.DatasetLoader;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.model.ModelSpec;
import ml.frontier.core.model.ModelZoo;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.train.ClassifierTrainer;
import ml.frontier.core.train.Evaluation;
import ml.frontier.core.train.TrainingConfig;
import ml.frontier.watermark.Embedder;
import ml.frontier.watermark.EmbeddingReport;
import ml.frontier.watermark.KeyGenerator;
import ml.frontier.watermark.Verifier;
import ml.frontier.watermark.WatermarkKey;
import ml.frontier.watermark.stats.BinomialThreshold;
import ml.frontier.watermark.stats.EmpiricalThreshold;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the frontier-stitching study (see the package documentation) and writes its report.
 *
 * <p>Data: the embedded MNIST; the owner trains on the first two thirds of the training set, the
 * attacker fine-tunes on the last third, accuracy is measured on the test set. For each network,
 * the owner's model and {@code nulls} null models (same architecture and data, different seeds:
 * independently trained, never marked) are trained once; then for each ε a key of k images is
 * generated from the owner's data, stitched into a copy of the owner's model, and the marked
 * model, every null model and every attacked copy of the marked model are verified.
 */
public final class WatermarkExperiment {

    private static final double ATTACKER_SHARE = 1 / 3.0;
    /** Candidates drawn for key generation: up to 50 × k (ε = 0.25 leaves few false adversaries). */
    private static final int CANDIDATE_FACTOR = 50;

    private final WatermarkLabConfig config;
    private final PrintWriter log;
    private final Progress progress;

    public WatermarkExperiment(WatermarkLabConfig config, PrintWriter log, Progress progress) {
        this.config = config;
        this.log = log;
        this.progress = progress;
    }

    /** Runs the study, writes CSV, PNG and Markdown into the output directory, returns the rows. */
    public WatermarkLabResult run() throws FrontierException, IOException {
        long start = System.nanoTime();
        TrainTest data = DatasetLoader.embeddedMnist();
        TrainTest split = data.ownerAndAttacker(ATTACKER_SHARE);
        TrainTest owner = new TrainTest(split.train(), data.test());
        AttackContext attackContext = new AttackContext(split.test(), data.test(), config.seed(), Progress.silent());
        List<EmbedRow> embeds = new ArrayList<>();
        List<LabRow> rows = new ArrayList<>();
        for (NetSetup net : config.nets()) {
            runNet(net, owner, attackContext, embeds, rows);
        }
        WatermarkLabResult result = new WatermarkLabResult(config, embeds, rows, (System.nanoTime() - start) / 1e9);
        new WatermarkReport(result).write(config.out());
        return result;
    }

    private void runNet(NetSetup net, TrainTest owner, AttackContext attackContext, List<EmbedRow> embeds,
                        List<LabRow> rows) throws FrontierException {
        log.printf("== %s: training the owner's model and %d null models (%d epochs each)%n", net.label(),
                config.nulls(), net.epochs());
        log.flush();
        List<NetworkModel> nulls = new ArrayList<>();
        try (NetworkModel base = train(net, owner, config.seed())) {
            for (int i = 0; i < config.nulls(); i++) {
                nulls.add(train(net, owner, config.seed() + 1000 + i));
            }
            double baseAcc = Evaluation.accuracy(new DjlClassifier(base), owner.test());
            log.printf(Locale.ROOT, "   owner's model: test accuracy %.4f%n", baseAcc);
            warmUp(base, owner);
            for (float eps : config.epsilons()) {
                runKey(net, eps, base, nulls, owner, attackContext, embeds, rows);
            }
        } finally {
            nulls.forEach(NetworkModel::close);
        }
    }

    private void runKey(NetSetup net, float eps, NetworkModel base, List<NetworkModel> nulls, TrainTest owner,
                        AttackContext attackContext, List<EmbedRow> embeds, List<LabRow> rows) throws FrontierException {
        String label = net.label();
        double baseAcc = Evaluation.accuracy(new DjlClassifier(base), owner.test());
        long t0 = System.nanoTime();
        WatermarkKey key;
        try {
            key = new KeyGenerator(KeyGenerator.Config.builder().optKeySize(config.keySize()).optEpsilon(eps)
                    .optCandidateFactor(CANDIDATE_FACTOR).optP(config.p()).optSeed(config.seed()).build())
                    .generate(new DjlClassifier(base), owner.train());
        } catch (FrontierException e) {
            log.printf("   eps %s: key generation failed: %s%n", eps, e.getMessage());
            embeds.add(new EmbedRow(label, eps, Double.NaN, baseAcc, Double.NaN, Double.NaN, 0, -1, List.of(), 0, 0,
                    e.getMessage()));
            return;
        }
        double keygen = (System.nanoTime() - t0) / 1e9;
        Verifier verifier = new Verifier(config.p());
        int theta = BinomialThreshold.threshold(key.size(), config.p());
        try (NetworkModel marked = base.copy()) {
            Embedder.Config ec = Embedder.Config.builder().optMaxEpochs(config.embedMaxEpochs()).optClip(net.clip())
                    .optSeed(config.seed()).build();
            EmbeddingReport r = new Embedder(ec, Progress.silent()).embed(marked, key, owner);
            key = r.key();
            int[] nullM = new int[nulls.size()];
            for (int i = 0; i < nullM.length; i++) {
                nullM[i] = verifier.mismatches(new DjlClassifier(nulls.get(i)), key);
            }
            EmpiricalThreshold emp = EmpiricalThreshold.fit(nullM, 0);
            int markedM = verifier.mismatches(new DjlClassifier(marked), key);
            rows.add(new LabRow(label, eps, "marked", "marked", r.testAccuracyAfter(), markedM, theta, markedM < theta,
                    emp.threshold(), emp.claims(markedM), ""));
            int nullsBinomial = 0, nullsEmpirical = 0;
            for (int i = 0; i < nullM.length; i++) {
                int loo = nullM.length > 1 ? EmpiricalThreshold.fit(without(nullM, i), 0).threshold() : 0;
                boolean bin = nullM[i] < theta, empClaim = nullM[i] < loo;
                nullsBinomial += bin ? 1 : 0;
                nullsEmpirical += empClaim ? 1 : 0;
                rows.add(new LabRow(label, eps, "null-" + i, "null",
                        Evaluation.accuracy(new DjlClassifier(nulls.get(i)), owner.test()), nullM[i], theta, bin, loo,
                        empClaim, ""));
            }
            embeds.add(new EmbedRow(label, eps, keygen, r.testAccuracyBefore(), r.testAccuracyAfter(),
                    r.keyAccuracyAfter(), r.epochs(), markedM, Arrays.stream(nullM).boxed().toList(), nullsBinomial,
                    nullsEmpirical, ""));
            log.printf(Locale.ROOT, "   eps %-5s key %.2f s; stitched in %d epochs: test %.4f -> %.4f, key acc %.2f, "
                            + "marked m=%d (theta %d, theta_emp %d); nulls m=%s: %d/%d claimed (binomial)%n", eps, keygen,
                    r.epochs(), r.testAccuracyBefore(), r.testAccuracyAfter(), r.keyAccuracyAfter(), markedM, theta,
                    emp.threshold(), Arrays.toString(nullM), nullsBinomial, nullM.length);
            log.flush();
            runAttacks(label, eps, marked, key, verifier, theta, emp, attackContext, rows);
        }
    }

    private void runAttacks(String label, float eps, NetworkModel marked, WatermarkKey key, Verifier verifier, int theta,
                            EmpiricalThreshold emp, AttackContext context, List<LabRow> rows) {
        StringBuilder line = new StringBuilder("   attacks:");
        for (Map.Entry<String, Attack> a : RemovalAttacks.of(config).entrySet()) {
            try {
                AttackResult res = a.getValue().apply(marked, context);
                int m;
                try (TrainableModel attacked = res.model()) {
                    m = verifier.mismatches(new DjlClassifier(attacked), key);
                }
                rows.add(new LabRow(label, eps, a.getKey(), "attack", res.accuracyAfter(), m, theta, m < theta,
                        emp.threshold(), emp.claims(m), ""));
                line.append(String.format(Locale.ROOT, " %s m=%d acc %.3f;", a.getKey(), m, res.accuracyAfter()));
            } catch (FrontierException | RuntimeException e) {
                rows.add(new LabRow(label, eps, a.getKey(), "attack", Double.NaN, -1, theta, false, emp.threshold(), false,
                        "failed: " + e.getMessage()));
                line.append(" ").append(a.getKey()).append(" FAILED;");
            }
        }
        log.println(line);
        log.flush();
    }

    private NetworkModel train(NetSetup net, TrainTest owner, long seed) throws FrontierException {
        ModelZoo zoo = ModelZoo.standard();
        ModelSpec spec = zoo.spec(net.architecture(), net.hyper(), owner.train().shape(), owner.train().numClasses());
        NetworkModel m = NetworkModel.create(zoo, spec, seed);
        try {
            TrainingConfig tc = TrainingConfig.builder().optEpochs(net.epochs()).optLearningRate(net.learningRate())
                    .optClip(net.clip()).optSeed(seed).build();
            new ClassifierTrainer(tc, progress).train(m, owner.train(), null);
            return m;
        } catch (FrontierException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** One small untimed key generation, so the timed ones do not include JIT and native warm-up. */
    private void warmUp(NetworkModel base, TrainTest owner) {
        try {
            new KeyGenerator(KeyGenerator.Config.builder().optKeySize(10).optEpsilon(0.1f).optSeed(config.seed()).build())
                    .generate(new DjlClassifier(base), owner.train().head(300));
        } catch (FrontierException e) {
            // a warm-up that cannot fill its key is harmless
        }
    }

    private static int[] without(int[] a, int i) {
        int[] out = new int[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out;
    }
}
