package ml.frontier.cli.lab;

import ml.frontier.cli.common.DataOption;
import ml.frontier.cli.common.Terminal;
import ml.frontier.lab.mdgan.MdGanLab;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code frontier lab mdgan}: standalone vs FL-GAN vs MD-GAN with and without swaps. */
@Command(name = "mdgan",
        description = "Compare standalone GAN, FL-GAN and MD-GAN (with and without swaps) on MNIST-MLP: "
                + "N in {1,5,10}, b in {10,100} (--quick: N in {1,5}, b=10, 600 iterations, evaluation every 200).")
public final class LabMdganCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    DataOption data;
    @Mixin
    LabOptions lab;
    @Option(names = "--iterations", description = "Iterations per run (default: 600 quick, 3000 full).")
    Long iterations;
    @Option(names = "--eval-every", description = "Evaluation period (default: 200 quick, 500 full).")
    Long evalEvery;

    @Override
    public Integer call() throws Exception {
        long it = iterations != null ? iterations : lab.quick ? 600 : 3000;
        long ev = evalEvery != null ? evalEvery : lab.quick ? 200 : 500;
        Path out = lab.out();
        var mdgan = new MdGanLab(new MdGanLab.Config(data.data, lab.quick, it, ev, lab.seed(), out), lab.json().text());
        mdgan.run(Terminal.progress(spec));
        lab.json().text().println("wrote " + out.resolve("summary.md") + ", runs.csv, curves.csv, score-b*.png, frechet-b*.png");
        lab.json().print(Map.of("report", out.resolve("summary.md").toString(), "runs", out.resolve("runs.csv").toString(),
                "iterations", it, "evalEvery", ev, "seed", lab.seed()));
        return 0;
    }
}
