package ml.frontier.cli.lab;

import ml.frontier.cli.common.DataOption;
import ml.frontier.cli.common.SeedOption;
import ml.frontier.cli.common.Terminal;
import ml.frontier.lab.mdgan.MdGanLab;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

/** {@code frontier lab mdgan}: MD-GAN (k = 1 and log N) against FL-GAN in paired seeds. */
@Command(name = "mdgan", mixinStandardHelpOptions = true,
        description = "MD-GAN (k=1 and k=ceil(log2 N)) against FL-GAN on MNIST-MLP in paired seeds: "
                + "N in {5,10}, b in {10,100} (quick: N=5, b=10); paired differences with 95% intervals.")
public final class LabMdganCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    DataOption data;
    @Mixin
    SeedOption seed;
    @Option(names = "--quick", description = "N=5, b=10, 2 seeds, 100 iterations, evaluation every 50.")
    boolean quick;
    @Option(names = "--seeds", description = "Paired seeds, from --seed on (default: 2 quick, 5 full).")
    Integer seeds;
    @Option(names = "--iterations", description = "Iterations per run (default: 100 quick, 300 full).")
    Long iterations;
    @Option(names = "--eval-every", description = "Evaluation period (default: 50).")
    Long evalEvery;
    @Option(names = "--round-every", defaultValue = "50",
            description = "Iterations between swaps and FL-GAN rounds; 0 = one epoch (default: ${DEFAULT-VALUE}).")
    int roundEvery;
    @Option(names = "--resume", description = "Continue a grid in --out: finished runs are read back, not rerun.")
    boolean resume;
    @Option(names = "--report-only", description = "Write the report from the finished runs in --out; train nothing.")
    boolean reportOnly;
    @Option(names = "--out", defaultValue = "runs/lab-mdgan", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        int n = seeds != null ? seeds : quick ? 2 : 5;
        List<Long> s = LongStream.range(seed.seed, seed.seed + n).boxed().toList();
        String cmd = "frontier lab mdgan " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        var lab = new MdGanLab(new MdGanLab.Config(data.data, quick, iterations != null ? iterations : quick ? 100 : 300,
                evalEvery != null ? evalEvery : 50, s, roundEvery, resume, reportOnly, out, cmd), spec.commandLine().getOut());
        lab.run(Terminal.progress(spec));
        spec.commandLine().getOut().println("wrote " + out.resolve("summary.md") + ", runs.csv, paired.csv, score-*.png");
        return 0;
    }
}
