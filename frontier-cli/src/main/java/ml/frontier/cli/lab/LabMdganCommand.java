package ml.frontier.cli.lab;

import ml.frontier.cli.common.DataOption;
import ml.frontier.cli.common.Terminal;
import ml.frontier.lab.mdgan.MdGanLab;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

/** {@code frontier lab mdgan}: MD-GAN (k = 1 and log N) against FL-GAN in paired seeds. */
@Command(name = "mdgan",
        description = "MD-GAN (k=1 and k=ceil(log2 N)) against FL-GAN on MNIST-MLP in paired seeds: "
                + "N in {5,10}, b in {10,100} (--quick: N=5, b=10, 2 seeds, 100 iterations); paired differences "
                + "with 95% intervals.")
public final class LabMdganCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    DataOption data;
    @Mixin
    LabOptions lab;
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

    @Override
    public Integer call() throws Exception {
        int n = seeds != null ? seeds : lab.quick ? 2 : 5;
        List<Long> s = LongStream.range(lab.seed(), lab.seed() + n).boxed().toList();
        String cmd = "frontier lab mdgan " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        long it = iterations != null ? iterations : lab.quick ? 100 : 300;
        long ev = evalEvery != null ? evalEvery : 50;
        Path out = lab.out();
        var mdgan = new MdGanLab(new MdGanLab.Config(data.data, lab.quick, it, ev, s, roundEvery, resume, reportOnly,
                out, cmd), lab.json().text());
        mdgan.run(Terminal.progress(spec));
        lab.json().text().println("wrote " + out.resolve("summary.md") + ", runs.csv, paired.csv, score-*.png");
        lab.json().print(Map.of("report", out.resolve("summary.md").toString(), "runs", out.resolve("runs.csv").toString(),
                "paired", out.resolve("paired.csv").toString(), "iterations", it, "seeds", s));
        return 0;
    }
}
