package ml.frontier.lab.demo;

import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.train.Evaluation;
import ml.frontier.gan.GanEvaluation;
import ml.frontier.gan.GanResult;
import ml.frontier.gan.mdgan.MdGan;
import ml.frontier.core.data.Dataset;
import ml.frontier.gan.metrics.GanScorer;
import ml.frontier.gan.metrics.GanScores;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A short MD-GAN run: one generator, three workers each holding a third of the training digits,
 * feedback instead of weights on the wire, discriminators swapped between workers. The owner's
 * CNN scores the samples (the paper's "MNIST score" and Fréchet distance).
 */
final class MdGanStep implements DemoStep {

    @Override
    public String title() {
        return "Train a GAN over 3 workers with MD-GAN";
    }

    @Override
    public void run(DemoContext ctx) throws Exception {
        int iterations = ctx.quick ? 60 : 2000;
        Path dir = ctx.out.resolve("mdgan");
        var scorerModel = ctx.model.copy();
        double acc = Evaluation.accuracy(new DjlClassifier(scorerModel), ctx.data.test());
        GanResult r;
        GanScores real;
        try (GanScorer scorer = new GanScorer(scorerModel, ctx.data.test().head(500), acc)) {
            // real digits not in the reference: what the generator's agreement and diversity should approach
            Dataset other = ctx.data.test().slice(500, Math.min(1000, ctx.data.test().size()));
            real = scorer.score(other.images(), other.labels());
            r = MdGan.builder().setData(ctx.data).optWorkers(3).optBatch(32).optIterations(iterations)
                    .optEvalEvery(iterations / 3).optEpochsPerSwap(1).optSwap(true).optOut(dir).optSeed(ctx.seed)
                    .optScorer(scorer).build().train(ctx.progress);
        }
        GanEvaluation first = r.curve().get(0), last = r.curve().get(r.curve().size() - 1);
        GanScores end = r.finalScores();
        ctx.say("MD-GAN, 3 workers, %d iterations in %.0f s: MNIST score %.2f (iteration %d) -> %.2f, Frechet distance %.1f -> %.1f",
                iterations, r.seconds(), first.score(), first.iteration(), last.score(), first.frechet(), last.frechet());
        ctx.say("within-class diversity %.2f (real digits %.2f); the classifier reads the requested class in %.0f%% of samples"
                + " (real digits %.0f%%)", end.diversity(), real.diversity(), 100 * end.agreement(), 100 * real.agreement());
        String grid = r.lastGrid() == null ? null : ctx.out.relativize(r.lastGrid()).toString();
        ctx.report.heading(title()).paragraph(String.format(Locale.ROOT,
                "%s. %d iterations took %.0f s. MNIST score (Inception Score with the owner's CNN) %.2f at iteration %d, "
                        + "%.2f at the end; Fréchet distance on its penultimate features %.1f → %.1f. Bytes per iteration: "
                        + "%,.0f server→workers, %,.0f workers→server, %,d between workers in all (discriminator swaps with "
                        + "|θ| each as the paper counts).", r.description(), iterations, r.seconds(), first.score(), first.iteration(),
                last.score(), first.frechet(), last.frechet(), r.serverToWorkerBytesPerIteration(),
                r.workerToServerBytesPerIteration(), r.workerToWorkerBytes()));
        ctx.report.paragraph(String.format(Locale.ROOT, "Mode collapse as a number: the mean pixel distance between two generated"
                        + " digits of the same class is %.2f, against %.2f for real test digits (0 would be one image per class);"
                        + " the scoring CNN reads the requested class in %.0f%% of the generated digits (%.0f%% of real ones).",
                end.diversity(), real.diversity(), 100 * end.agreement(), 100 * real.agreement()));
        ctx.report.table(List.of("iteration", "MNIST score", "Fréchet distance"), r.curve().stream().map(e -> List.of(
                String.valueOf(e.iteration()), String.format(Locale.ROOT, "%.3f", e.score()),
                String.format(Locale.ROOT, "%.2f", e.frechet()))).toList());
        Path curve = dir.resolve("score.png");
        if (java.nio.file.Files.exists(curve)) {
            ctx.report.image("MNIST score over the iterations", ctx.out.relativize(curve).toString());
        }
        if (grid != null) {
            ctx.report.image("generated digits", grid);
        }
        ctx.result(title(), String.format(Locale.ROOT, "MNIST score %.2f → %.2f", first.score(), last.score()));
    }
}
