package ml.frontier.cli;

import ml.frontier.cli.common.JsonOption;
import ml.frontier.cli.common.SeedOption;
import ml.frontier.cli.common.Terminal;
import ml.frontier.lab.demo.Demo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code frontier demo}: the main job on the embedded data, with a report. */
@Command(name = "demo",
        description = "Run Frontier end to end on the embedded MNIST (a few minutes) and write a report.")
public final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SeedOption seed;

    @Option(names = "--out", defaultValue = "runs/demo", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick", description = "Fewer epochs and iterations (for tests).")
    boolean quick;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        Demo.standard().run(out, seed.seed(), quick, json.text(), Terminal.progress(spec));
        json.print(java.util.Map.of("report", out.resolve("report.md").toString(), "html", out.resolve("report.html").toString(),
                "seed", seed.seed(), "quick", quick));
        return 0;
    }
}
