package ml.frontier.lab.demo;

import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.serve.OipServer;
import ml.frontier.serve.client.RemoteClassifier;
import ml.frontier.watermark.Embedder;
import ml.frontier.watermark.EmbeddingReport;
import ml.frontier.watermark.KeyFile;
import ml.frontier.watermark.KeyGenerator;
import ml.frontier.watermark.Verification;
import ml.frontier.watermark.Verifier;
import ml.frontier.watermark.WatermarkKey;
import ml.frontier.watermark.stats.EmpiricalThreshold;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Watermarks the owner's model by frontier stitching, serves it, proves ownership over HTTP,
 * and checks independently trained models against both decision rules: the paper's binomial
 * test and the threshold fitted on null models (as the Watermark Robustness Toolbox does).
 */
final class WatermarkStep implements DemoStep {

    @Override
    public String title() {
        return "Watermark the model and prove ownership over HTTP";
    }

    @Override
    public void run(DemoContext ctx) throws Exception {
        NetworkModel model = ctx.model;
        WatermarkKey draft = new KeyGenerator(KeyGenerator.Config.builder().optKeySize(100).optEpsilon(0.1f)
                .optSeed(ctx.seed).build()).generate(new DjlClassifier(model), ctx.data.train());
        EmbeddingReport e = new Embedder(Embedder.Config.builder().optMaxEpochs(ctx.quick ? 3 : 20).optSeed(ctx.seed).build(),
                ctx.progress).embed(model, draft, ctx.data);
        WatermarkKey key = e.key();
        ctx.modelFile = ctx.out.resolve("owner-marked.model");
        ModelFile.save(model, ctx.modelFile);
        KeyFile.write(key, ctx.out.resolve("owner.key"));
        ctx.say("stitched a %d-image key (eps 0.1) in %d epochs: key accuracy %.0f%% -> %.0f%%, test accuracy %.2f%% -> %.2f%%",
                key.labels().length, e.epochs(), 100 * e.keyAccuracyBefore(), 100 * e.keyAccuracyAfter(),
                100 * e.testAccuracyBefore(), 100 * e.testAccuracyAfter());

        Verifier verifier = new Verifier();
        Verification local = verifier.verify(new DjlClassifier(model), key);
        Verification remote;
        try (OipServer server = OipServer.builder().addModel("marked", new DjlClassifier(model)).optLabelsOnly(true).build().start();
             RemoteClassifier api = RemoteClassifier.connect(server.modelUrl("marked"), null)) {
            remote = verifier.verify(api, key);
        }
        ctx.say("ownership over HTTP (labels only): m = %d (in-process m = %d), theta = %d, %d queries -> %s",
                remote.mismatches(), local.mismatches(), remote.threshold(), remote.queries(),
                remote.watermarked() ? "WATERMARKED" : "not watermarked");

        int nulls = ctx.quick ? 3 : 5;
        int[] m = new int[nulls];
        List<String> nullRows = new ArrayList<>();
        for (int i = 0; i < nulls; i++) {
            try (NetworkModel n = independentModel(ctx, i)) {
                Verification v = verifier.verify(new DjlClassifier(n), key);
                m[i] = v.mismatches();
                nullRows.add(String.valueOf(m[i]));
            }
        }
        // fit on all null models but the last, then judge the last one and the marked model
        EmpiricalThreshold emp = EmpiricalThreshold.fit(Arrays.copyOf(m, nulls - 1), 0.0);
        boolean heldOutClaimed = emp.claims(m[nulls - 1]);
        boolean binomialClaimsNulls = Arrays.stream(m).anyMatch(x -> x < local.threshold());
        ctx.say("independently trained models: m = %s; the binomial test (theta %d) claims %d of %d; the threshold fitted "
                        + "on %d of them (theta_emp %d) claims the held-out one: %s, the marked model: %s",
                Arrays.toString(m), local.threshold(), Arrays.stream(m).filter(x -> x < local.threshold()).count(), nulls,
                nulls - 1, emp.threshold(), heldOutClaimed, emp.claims(remote.mismatches()));

        ctx.report.heading(title())
                .paragraph(String.format(Locale.ROOT, "Key: %d FGSM images (ε = 0.1), %d true and %d false adversaries, "
                                + "commitment %s. Stitching took %d epochs (%.0f s): key accuracy %.0f%% → %.0f%%, test accuracy "
                                + "%.2f%% → %.2f%% (%+.2f points). Files: owner-marked.model, owner.key.",
                        key.labels().length, Arrays.stream(key.kinds()).sum(), key.labels().length - Arrays.stream(key.kinds()).sum(),
                        key.commitment(), e.epochs(), e.seconds(), 100 * e.keyAccuracyBefore(), 100 * e.keyAccuracyAfter(),
                        100 * e.testAccuracyBefore(), 100 * e.testAccuracyAfter(), -e.accuracyDropPoints()))
                .paragraph(String.format(Locale.ROOT, "Verification through the served model (`--labels-only`, %d queries): "
                                + "m = %d mismatches (in-process: %d), θ = %d for p = %.2f (exact false-positive bound %.4f) → %s.",
                        remote.queries(), remote.mismatches(), local.mismatches(), remote.threshold(), remote.p(),
                        remote.falsePositiveBound(), remote.watermarked() ? "watermarked" : "not watermarked"))
                .paragraph(String.format(Locale.ROOT, "%d independently trained MLPs (never marked) give m = %s. %s The "
                                + "threshold fitted on the first %d (θ_emp = %d, the smallest null m) %s the held-out one and "
                                + "%s the marked model.", nulls, Arrays.toString(m),
                        binomialClaimsNulls ? "The binomial test wrongly claims some of them: on MNIST most key images "
                                + "are answered correctly by any good model, so the fair-coin null hypothesis does not hold."
                                : "The binomial test claims none of them.",
                        nulls - 1, emp.threshold(), heldOutClaimed ? "wrongly claims" : "does not claim",
                        emp.claims(remote.mismatches()) ? "claims" : "does not claim"));
        ctx.result(title(), String.format(Locale.ROOT, "marked m = %d over HTTP (θ %d, θ_emp %d); null m = %s",
                remote.mismatches(), remote.threshold(), emp.threshold(), Arrays.toString(m)));
    }

    /** An MLP trained from scratch with another seed: a model that does not derive from the owner's. */
    private static NetworkModel independentModel(DemoContext ctx, int i) throws Exception {
        var zoo = ml.frontier.core.model.ModelZoo.standard();
        var spec = zoo.spec("mlp", Map.of("hidden", "256"), ctx.data.train().shape(), 10);
        NetworkModel n = NetworkModel.create(zoo, spec, ctx.seed + 1000 + i);
        new ml.frontier.core.train.ClassifierTrainer(ml.frontier.core.train.TrainingConfig.builder().optEpochs(2)
                .optSeed(ctx.seed + 1000 + i).build(), Progress.silent()).train(n, ctx.data.train(), null);
        return n;
    }
}
