package ml.frontier.gan;

import java.util.Locale;

/** Renders a run's result as a short Markdown summary. */
public final class GanReport {

    private GanReport() {}

    public static String markdown(GanResult r, GanSetup s, double scorerAccuracy) {
        StringBuilder sb = new StringBuilder();
        sb.append("# GAN run: ").append(r.description()).append("\n\n");
        sb.append(String.format(Locale.ROOT, "- network: %s (|w| = %,d, |θ| = %,d; paper: %,d / %,d)%n",
                s.architecture().name(), r.generatorParameters(), r.discriminatorParameters(),
                s.architecture().paperGeneratorCount(), s.architecture().paperDiscriminatorCount()));
        sb.append(String.format(Locale.ROOT, "- data: %s, shard size m = %d, iterations per round/swap = %d, seed %d%n",
                s.train().name(), s.shardSize(), s.iterationsPerRound(), s.seed()));
        sb.append(String.format(Locale.ROOT, "- %d iterations in %.1f s%n", r.iterations(), r.seconds()));
        sb.append(String.format(Locale.ROOT, "- final MNIST score %.3f (best %.3f), Fréchet distance %.3f (scoring classifier accuracy %.4f)%n",
                r.finalScore(), r.bestScore(), r.finalFrechet(), scorerAccuracy));
        if (r.finalScores() != null) {
            sb.append(String.format(Locale.ROOT, "- scoring classifier agrees with the requested class on %.1f%% of the samples;"
                    + " within-class diversity %.2f (mean pixel distance between two samples of a class)%n",
                    100 * r.finalScores().agreement(), r.finalScores().diversity()));
        }
        sb.append(String.format(Locale.ROOT, "- payload bytes per iteration: server→workers %.0f, workers→server %.0f; swaps in total %,d%n",
                r.serverToWorkerBytesPerIteration(), r.workerToServerBytesPerIteration(), r.workerToWorkerBytes()));
        double[] p = r.workerPassesPerIteration();
        sb.append(String.format(Locale.ROOT, "- one worker per iteration: %.2f ms; samples through D fwd %.0f, D bwd %.0f, G fwd %.0f, G bwd %.0f%n",
                r.workerMsPerIteration(), p[0], p[1], p[2], p[3]));
        if (r.lastGrid() != null) {
            sb.append("\n![samples](").append(r.lastGrid().getFileName()).append(")\n");
        }
        sb.append("\n| iteration | MNIST score | Fréchet distance | seconds |\n|---|---|---|---|\n");
        for (GanEvaluation e : r.curve()) {
            sb.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f | %.1f |%n", e.iteration(), e.score(), e.frechet(), e.seconds()));
        }
        return sb.toString();
    }
}
