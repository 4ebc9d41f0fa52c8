package ml.frontier.cli.gan.net;

import ml.frontier.cli.common.SeedOption;
import ml.frontier.gan.GanSetup;
import ml.frontier.gan.grpc.GrpcTransport;
import ml.frontier.gan.grpc.NetLaunch;
import ml.frontier.gan.grpc.NetRunConfig;
import ml.frontier.gan.grpc.NetServer;
import ml.frontier.gan.train.GanHyper;
import ml.frontier.gan.train.GeneratorLoss;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code frontier gan server}: the MD-GAN server (holds G) for workers on other processes or hosts. */
@Command(name = "server",
        description = "Run the MD-GAN server over gRPC: waits for --workers workers (frontier gan worker), trains, "
                + "checkpoints G into --out, and survives workers that crash or hang.")
public final class GanServerCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    SeedOption seed;
    @Mixin
    NetOptions net;
    @Option(names = "--workers", required = true, description = "N, the number of worker slots (one per shard).")
    int workers;
    @Option(names = "--port", defaultValue = "7070", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--net", defaultValue = "mnist-mlp", description = "mnist-mlp, mnist-cnn or cifar-cnn (default: ${DEFAULT-VALUE}).")
    String network;
    @Option(names = "--batch", defaultValue = "10", description = "b (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--k", defaultValue = "1", description = "Generated batches per iteration, or 'log' (default: ${DEFAULT-VALUE}).")
    String k;
    @Option(names = "--L", defaultValue = "1", description = "Discriminator steps per iteration (default: ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--epochs-per-swap", defaultValue = "1", description = "E (default: ${DEFAULT-VALUE}).")
    int epochsPerSwap;
    @Option(names = "--no-swap", description = "Never swap discriminators.")
    boolean noSwap;
    @Option(names = "--iterations", defaultValue = "5000", description = "Train up to this iteration (default: ${DEFAULT-VALUE}).")
    long iterations;
    @Option(names = "--eval-every", defaultValue = "500", description = "Sample grid and progress line every I iterations (default: ${DEFAULT-VALUE}).")
    int evalEvery;
    @Option(names = "--checkpoint-every", defaultValue = "500", description = "Checkpoint G every C iterations (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;
    @Option(names = "--resume", description = "Continue from the checkpoint in --out.")
    boolean resume;
    @Option(names = "--deadline-ms", defaultValue = "30000", description = "Per-iteration deadline; later workers are dropped (default: ${DEFAULT-VALUE}).")
    long deadlineMs;
    @Option(names = "--join-timeout-ms", defaultValue = "600000", description = "Wait this long for all workers before starting with those present (default: ${DEFAULT-VALUE}).")
    long joinTimeoutMs;
    @Option(names = "--relay-swaps", description = "Relay discriminator swaps through this server (workers behind NAT need no --advertise).")
    boolean relaySwaps;
    @Option(names = "--swap-adam-state", description = "Swaps carry D's Adam moments too (3|theta| floats instead of the paper's |theta|).")
    boolean swapAdamState;
    @Option(names = "--g-loss", defaultValue = "non-saturating", description = "Generator loss: non-saturating or minimax (default: ${DEFAULT-VALUE}).")
    String generatorLoss;
    @Option(names = "--out", defaultValue = "runs/mdgan-net", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        int kk = "log".equalsIgnoreCase(k) ? GanSetup.logK(workers) : Integer.parseInt(k);
        NetRunConfig c = new NetRunConfig(network, workers, batch, kk, steps, epochsPerSwap, !noSwap, seed.seed(),
                GanHyper.DEFAULT.withSwapAdamState(swapAdamState).withGeneratorLoss(GeneratorLoss.parse(generatorLoss)));
        var log = NetOptions.printer(spec.commandLine().getOut());
        var timing = new GrpcTransport.Options(deadlineMs, Math.max(deadlineMs, 60_000), Math.max(15_000, deadlineMs / 2), joinTimeoutMs, relaySwaps);
        try (GrpcTransport t = NetLaunch.server(c, port, net.security(), timing, log)) {
            log.accept("MD-GAN server listening on port " + t.port() + " (seed " + seed.seed() + ")");
            NetServer.Result r = new NetServer(t, new NetServer.Options(iterations, checkpointEvery, evalEvery, out, resume,
                    joinTimeoutMs), log).run();
            log.accept(String.format(Locale.ROOT, "iterations %d..%d in %.1f s (%.2f it/s); wire bytes per iteration: "
                            + "batches %.0f, feedback %.0f; swaps %d (%d bytes); workers dropped %d, feedback refused %d; checkpoint %s",
                    r.firstIteration(), r.lastIteration(), r.seconds(), r.iterationsPerSecond(), r.batchWireBytesPerIteration(),
                    r.feedbackWireBytesPerIteration(), r.swapRounds(), r.swapWireBytes(), r.dropped(), r.refused(), r.checkpoint()));
        }
        return 0;
    }
}
