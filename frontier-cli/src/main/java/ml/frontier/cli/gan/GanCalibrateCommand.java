package ml.frontier.cli.gan;

import ml.frontier.cli.common.DataOption;
import ml.frontier.cli.common.JsonOption;
import ml.frontier.cli.common.SeedOption;
import ml.frontier.core.io.AtomicFiles;
import ml.frontier.core.progress.Progress;
import ml.frontier.gan.metrics.GanCalibration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code frontier gan calibrate}: the GAN scores on real images, collapsed images and noise, at 500 and 2,000 samples. */
@Command(name = "calibrate",
        description = "Calibrate the MNIST score, Frechet distance, class agreement and diversity on real data "
                + "(the ceiling and the metrics' own noise), one repeated image per class, and noise; writes calibration.md/.csv.")
public final class GanCalibrateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    DataOption data;
    @Mixin
    SeedOption seed;
    @Mixin
    JsonOption json;
    @Option(names = "--draws", defaultValue = "10", description = "Random draws per row (default: ${DEFAULT-VALUE}).")
    int draws;
    @Option(names = "--out", defaultValue = "runs/gan-calibration", description = "Output directory; its scorer.model is reused (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        var c = GanCalibration.run(data.data, data.load(), out.resolve("scorer.model"), draws, seed.seed(), Progress.silent());
        AtomicFiles.writeString(out.resolve("calibration.md"), c.markdown());
        AtomicFiles.writeString(out.resolve("calibration.csv"), c.csv());
        json.text().print(c.markdown());
        json.print(java.util.Map.of("markdown", out.resolve("calibration.md").toString(),
                "csv", out.resolve("calibration.csv").toString(), "draws", draws, "seed", seed.seed()));
        return 0;
    }
}
