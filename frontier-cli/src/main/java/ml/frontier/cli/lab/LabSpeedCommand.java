package ml.frontier.cli.lab;

import ml.frontier.cli.common.DataOption;
import ml.frontier.lab.speed.SpeedBenchmark;
import ml.frontier.lab.speed.SpeedConfig;
import ml.frontier.lab.speed.Variant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code frontier lab speed}: DJL training-epoch time and inference throughput (see bench/train). */
@Command(name = "speed",
        description = "Time one DJL training epoch and inference throughput per model and batch size "
                + "(compare with bench/train/torch_bench.py via bench/train/run.sh; --quick: one run of the MLP at batch 64 "
                + "on the embedded data, core and fast loops).")
public final class LabSpeedCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    DataOption data;
    @Mixin
    LabOptions lab;
    @Option(names = "--models", split = ",", defaultValue = "mlp,cnn", description = "Models (default: ${DEFAULT-VALUE}).")
    List<String> models;
    @Option(names = "--batches", split = ",", defaultValue = "64,128", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;
    @Option(names = "--variants", split = ",", defaultValue = "core,fast",
            description = "Training loops: core, lab, gather, fused, pick, fast, all, fast-engine-adam, torchscript "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> variants;
    @Option(names = "--train-steps", description = "Directory of <model>.pt TorchScript train steps for the torchscript "
            + "variant (bench/train/make_train_step.py).")
    Path trainSteps;
    @Option(names = "--repeats", defaultValue = "3", description = "Runs per configuration (default: ${DEFAULT-VALUE}).")
    int repeats;
    @Option(names = "--repeat-offset", defaultValue = "0", description = "Number of the first run (default: ${DEFAULT-VALUE}).")
    int repeatOffset;
    @Option(names = "--warmup", defaultValue = "20", description = "Untimed warm-up batches (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--infer-batch", defaultValue = "256", description = "Inference batch size (default: ${DEFAULT-VALUE}).")
    int inferBatch;

    @Override
    public Integer call() throws Exception {
        Path out = lab.out();
        SpeedConfig config = lab.quick
                ? new SpeedConfig("mnist", List.of("mlp"), List.of(64), List.of(Variant.CORE, Variant.FAST), 1, 0, 5,
                        inferBatch, 1e-3f, lab.seed(), out, null)
                : new SpeedConfig(data.data, models, batches, variants.stream().map(Variant::parse).toList(), repeats,
                        repeatOffset, warmup, inferBatch, 1e-3f, lab.seed(), out, trainSteps);
        var table = new SpeedBenchmark(config, lab.json().text()).run();
        lab.json().text().println(table.markdown());
        lab.json().text().println("wrote " + out.resolve("runs.csv") + ", medians.csv, summary.md");
        lab.json().print(Map.of("medians", out.resolve("medians.csv").toString(), "report", out.resolve("summary.md").toString(),
                "seed", lab.seed()));
        return 0;
    }

    /** Runs the command alone, for bench/train/run.sh (which sets the JVM flags itself). */
    public static void main(String[] args) {
        String[] full = new String[args.length + 2];
        full[0] = "lab";
        full[1] = "speed";
        System.arraycopy(args, 0, full, 2, args.length);
        ml.frontier.cli.Frontier.main(full); // through the root command, which owns --seed

    }
}
