package ml.frontier.cli.lab;

import ml.frontier.cli.common.DataOption;
import ml.frontier.cli.common.ErrorHandler;
import ml.frontier.cli.common.SeedOption;
import ml.frontier.lab.speed.SpeedBenchmark;
import ml.frontier.lab.speed.SpeedConfig;
import ml.frontier.lab.speed.Variant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code frontier lab speed}: DJL training-epoch time and inference throughput (see bench/train). */
@Command(name = "speed", mixinStandardHelpOptions = true,
        description = "Time one DJL training epoch and inference throughput per model and batch size "
                + "(compare with bench/train/torch_bench.py via bench/train/run.sh).")
public final class LabSpeedCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    DataOption data;
    @Mixin
    SeedOption seed;
    @Option(names = "--models", split = ",", defaultValue = "mlp,cnn", description = "Models (default: ${DEFAULT-VALUE}).")
    List<String> models;
    @Option(names = "--batches", split = ",", defaultValue = "64,128", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;
    @Option(names = "--variants", split = ",", defaultValue = "core,fast",
            description = "Training loops: core, lab, gather, fused, pick, fast, all (default: ${DEFAULT-VALUE}).")
    List<String> variants;
    @Option(names = "--repeats", defaultValue = "3", description = "Runs per configuration (default: ${DEFAULT-VALUE}).")
    int repeats;
    @Option(names = "--repeat-offset", defaultValue = "0", description = "Number of the first run (default: ${DEFAULT-VALUE}).")
    int repeatOffset;
    @Option(names = "--warmup", defaultValue = "20", description = "Untimed warm-up batches (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--infer-batch", defaultValue = "256", description = "Inference batch size (default: ${DEFAULT-VALUE}).")
    int inferBatch;
    @Option(names = "--quick", description = "One run of the MLP at batch 64 on the embedded data, core and fast loops.")
    boolean quick;
    @Option(names = "--out", defaultValue = "runs/lab-speed", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        SpeedConfig config = quick
                ? new SpeedConfig("mnist", List.of("mlp"), List.of(64), List.of(Variant.CORE, Variant.FAST), 1, 0, 5,
                        inferBatch, 1e-3f, seed.seed, out)
                : new SpeedConfig(data.data, models, batches, variants.stream().map(Variant::parse).toList(), repeats,
                        repeatOffset, warmup, inferBatch, 1e-3f, seed.seed, out);
        var table = new SpeedBenchmark(config, spec.commandLine().getOut()).run();
        spec.commandLine().getOut().println(table.markdown());
        spec.commandLine().getOut().println("wrote " + out.resolve("runs.csv") + ", medians.csv, summary.md");
        return 0;
    }

    /** Runs the command alone, for bench/train/run.sh (which sets the JVM flags itself). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new LabSpeedCommand()).setExecutionExceptionHandler(new ErrorHandler()).execute(args));
    }
}
