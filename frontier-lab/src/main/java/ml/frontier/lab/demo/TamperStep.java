package ml.frontier.lab.demo;

import ml.frontier.attack.AttackContext;
import ml.frontier.attack.AttackResult;
import ml.frontier.attack.quantize.Quantization;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.progress.Progress;
import ml.frontier.serve.OipServer;
import ml.frontier.serve.client.RemoteClassifier;
import ml.frontier.tamper.MarkerFile;
import ml.frontier.tamper.MarkerGenerator;
import ml.frontier.tamper.MarkerSet;
import ml.frontier.tamper.TamperCheck;
import ml.frontier.tamper.TamperReport;
import ml.frontier.tamper.strategy.MarkerStrategies;

import java.util.Locale;

/**
 * Makes portfolio markers for the deployed model (screened against benign re-deployments), checks
 * the served model (intact), then quantizes it to 4 bits, serves the tampered copy and catches it
 * over HTTP.
 */
final class TamperStep implements DemoStep {

    private static final int BUDGET = 10;

    @Override
    public String title() {
        return "Detect tampering of the served model (TamperNN markers)";
    }

    @Override
    public void run(DemoContext ctx) throws Exception {
        long t0 = System.nanoTime();
        MarkerSet markers = new MarkerGenerator(MarkerStrategies.byName("portfolio"), Progress.silent())
                .withSelection(MarkerStrategies.selectionFor("portfolio"))
                .generate(ctx.model, ctx.data.test().images(), 100, ctx.seed);
        double genSecs = (System.nanoTime() - t0) / 1e9;
        MarkerFile.write(markers, ctx.out.resolve("owner.markers"));
        ctx.say("made %d portfolio markers in %.1f s (owner.markers)", markers.size(), genSecs);
        ctx.say("screening: %s", markers.acceptance().summary());

        TamperCheck check = new TamperCheck(BUDGET, ctx.seed, 1);
        TamperReport intact = checkServed(ctx, new DjlClassifier(ctx.model), markers, check);
        AttackResult q = Quantization.builder().setBits(4).build().apply(ctx.model, AttackContext.of(ctx.data, ctx.seed, Progress.silent()));
        TamperReport tampered;
        try (var quantized = q.model()) {
            tampered = checkServed(ctx, new DjlClassifier(quantized), markers, check);
        }
        ctx.say("served original: %s", intact.summary());
        ctx.say("served 4-bit quantized copy (test accuracy %.2f%% -> %.2f%%): %s", 100 * q.accuracyBefore(),
                100 * q.accuracyAfter(), tampered.summary());
        ctx.report.heading(title()).paragraph(String.format(Locale.ROOT,
                "%d portfolio markers (sensitive, entropy, bisection and boundary candidates, each moved to 1.5 times its "
                        + "FP16 rounding floor, kept only if no benign re-deployment moved it, then chosen to cover "
                        + "randomly perturbed copies) were made in %.1f s. Screening: %s. Queried over HTTP in a seeded "
                        + "random order (the CLI draws the order from a secure source) with a budget of %d: the deployed "
                        + "model → %s. After a 4-bit weight quantization, which moves test accuracy only from %.2f%% to "
                        + "%.2f%%, the served copy → %s.",
                markers.size(), genSecs, markers.acceptance().summary(), BUDGET, intact.summary(),
                100 * q.accuracyBefore(), 100 * q.accuracyAfter(), tampered.summary()));
        ctx.result(title(), String.format(Locale.ROOT, "original %s, quantized %s after %d queries",
                intact.verdict(), tampered.verdict(), tampered.queries()));
    }

    private static TamperReport checkServed(DemoContext ctx, DjlClassifier model, MarkerSet markers, TamperCheck check)
            throws Exception {
        try (OipServer server = OipServer.builder().addModel("deployed", model).optLabelsOnly(true).build().start();
             RemoteClassifier api = RemoteClassifier.connect(server.modelUrl("deployed"), null)) {
            return check.check(api, markers);
        }
    }
}
