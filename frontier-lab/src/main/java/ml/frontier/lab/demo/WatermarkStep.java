package ml.frontier.lab.demo;

import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.ModelZoo;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.train.ClassifierTrainer;
import ml.frontier.core.train.TrainingConfig;
import ml.frontier.serve.OipServer;
import ml.frontier.serve.client.RemoteClassifier;
import ml.frontier.watermark.DecisionRule;
import ml.frontier.watermark.EmbeddingReport;
import ml.frontier.watermark.FrontierStitching;
import ml.frontier.watermark.KeyFile;
import ml.frontier.watermark.KeyGenerator;
import ml.frontier.watermark.KeyScheme;
import ml.frontier.watermark.Verification;
import ml.frontier.watermark.Verifier;
import ml.frontier.watermark.WatermarkKey;
import ml.frontier.watermark.Embedder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Watermarks the owner's model by frontier stitching with a coin key, serves it labels-only,
 * proves ownership over HTTP, and shows that independently trained models are not claimed —
 * while the paper's original-labelled key and binomial rule claims them.
 */
final class WatermarkStep implements DemoStep {

    private static final double ALPHA = 0.001;

    @Override
    public String title() {
        return "Watermark the model and prove ownership over HTTP";
    }

    @Override
    public void run(DemoContext ctx) throws Exception {
        NetworkModel model = ctx.model;
        // Coins seeded so the demo is reproducible; 'watermark embed' draws them from a SecureRandom.
        KeyGenerator.Config kc = KeyGenerator.Config.builder().optP(ALPHA).optSeed(ctx.seed).optCoinSeed(ctx.seed).build();
        // The paper's key, drawn from the unmarked model, only to show what its rule does with unrelated models.
        WatermarkKey paperKey = new KeyGenerator(KeyGenerator.Config.builder().optScheme(KeyScheme.PAPER).optP(0.05)
                .optSeed(ctx.seed).build()).generate(new DjlClassifier(model), ctx.data.train());
        FrontierStitching.Marking mk = new FrontierStitching(kc,
                Embedder.Config.builder().optMaxEpochs(ctx.quick ? 3 : 20).optSeed(ctx.seed).build(), ctx.progress)
                .mark(model, ctx.data);
        WatermarkKey key = mk.key();
        EmbeddingReport e = mk.embedding();
        ctx.modelFile = ctx.out.resolve("owner-marked.model");
        ModelFile.save(model, ctx.modelFile);
        KeyFile.write(key, ctx.out.resolve("owner.key"));
        ctx.say("stitched a coin key (%d counted true adversaries, %d anchors, eps 0.1) in %d epochs: key accuracy "
                        + "%.0f%% -> %.0f%%, test accuracy %.2f%% -> %.2f%%", key.countedSize(), key.anchors(), e.epochs(),
                100 * e.keyAccuracyBefore(), 100 * e.keyAccuracyAfter(), 100 * e.testAccuracyBefore(),
                100 * e.testAccuracyAfter());

        Verifier verifier = new Verifier();
        Verification local = verifier.verify(new DjlClassifier(model), key);
        Verification remote;
        try (OipServer server = OipServer.builder().addModel("marked", new DjlClassifier(model)).optLabelsOnly(true).build().start();
             RemoteClassifier api = RemoteClassifier.connect(server.modelUrl("marked"), null)) {
            remote = verifier.verify(api, key);
        }
        ctx.say("ownership over HTTP (labels only): m = %d of %d (in-process m = %d), theta = %d, p-value %.2g, "
                        + "%d queries -> %s", remote.mismatches(), remote.k(), local.mismatches(), remote.threshold(),
                remote.pValue(), remote.queries(), remote.watermarked() ? "WATERMARKED" : "not watermarked");

        int nulls = ctx.quick ? 3 : 5;
        List<Integer> coinM = new ArrayList<>(), paperM = new ArrayList<>();
        int coinClaims = 0, paperClaims = 0;
        for (int i = 0; i < nulls; i++) {
            try (NetworkModel n = independentModel(ctx, i)) {
                Verification v = verifier.verify(new DjlClassifier(n), key);
                Verification pv = verifier.verify(new DjlClassifier(n), paperKey, DecisionRule.PAPER, null);
                coinM.add(v.mismatches());
                paperM.add(pv.mismatches());
                coinClaims += v.watermarked() ? 1 : 0;
                paperClaims += pv.watermarked() ? 1 : 0;
            }
        }
        int paperTheta = paperKey.threshold();
        ctx.say("%d independently trained MLPs: coin key m = %s, claimed %d of %d (theta %d); the paper's key and rule: "
                + "m = %s, claimed %d of %d (theta %d)", nulls, coinM, coinClaims, nulls, key.threshold(), paperM,
                paperClaims, nulls, paperTheta);

        ctx.report.heading(title())
                .paragraph(String.format(Locale.ROOT, "Key (coin scheme): %d counted FGSM true adversaries (ε = 0.1) whose "
                                + "labels a fair coin set to the original or to the model's adversarial answer (%d of each "
                                + "way: %d / %d), plus %d uncounted anchors; commitment %s. Stitching took %d epochs "
                                + "(%.0f s): key accuracy %.0f%% → %.0f%%, test accuracy %.2f%% → %.2f%% (%+.2f points). "
                                + "Files: owner-marked.model, owner.key.", key.countedSize(), key.countedSize(),
                        key.stitchedBack(), key.countedSize() - key.stitchedBack(), key.anchors(), key.commitment(),
                        e.epochs(), e.seconds(), 100 * e.keyAccuracyBefore(), 100 * e.keyAccuracyAfter(),
                        100 * e.testAccuracyBefore(), 100 * e.testAccuracyAfter(), -e.accuracyDropPoints()))
                .paragraph(String.format(Locale.ROOT, "Verification through the served model (`--labels-only`, %d queries): "
                                + "m = %d mismatches (in-process: %d), θ = %d for α = %s, p-value %.2g → %s. Guarantee: %s.",
                        remote.queries(), remote.mismatches(), local.mismatches(), remote.threshold(), ALPHA,
                        remote.pValue(), remote.watermarked() ? "watermarked" : "not watermarked", remote.guarantee()))
                .paragraph(String.format(Locale.ROOT, "%d MLPs trained independently (other seeds, never marked): with the "
                                + "coin key m = %s, %d claimed. With the paper's key (original labels, %d true + %d false "
                                + "adversaries) and its binomial rule (θ = %d at p = 0.05) the same models give m = %s: "
                                + "%d of %d wrongly claimed — any good model answers most original-labelled key images "
                                + "correctly, so the paper's fair-coin null does not hold.", nulls, coinM, coinClaims,
                        paperKey.trueAdversaries(), paperKey.size() - paperKey.trueAdversaries(), paperTheta, paperM,
                        paperClaims, nulls));
        ctx.result(title(), String.format(Locale.ROOT, "marked m = %d over HTTP (θ %d, p %.1g); independent models "
                + "claimed: coin key %d/%d, paper rule %d/%d", remote.mismatches(), remote.threshold(), remote.pValue(),
                coinClaims, nulls, paperClaims, nulls));
    }

    /** An MLP trained from scratch with another seed: a model that does not derive from the owner's. */
    private static NetworkModel independentModel(DemoContext ctx, int i) throws Exception {
        var zoo = ModelZoo.standard();
        var spec = zoo.spec("mlp", Map.of("hidden", "256"), ctx.data.train().shape(), 10);
        NetworkModel n = NetworkModel.create(zoo, spec, ctx.seed + 1000 + i);
        new ClassifierTrainer(TrainingConfig.builder().optEpochs(2).optSeed(ctx.seed + 1000 + i).build(),
                Progress.silent()).train(n, ctx.data.train(), null);
        return n;
    }
}
