package ml.frontier.cli;

import ml.frontier.cli.common.JsonOption;
import ml.frontier.core.io.ArrayBundle;
import ml.frontier.core.load.ModelFormat;
import ml.frontier.core.load.Models;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.ModelMetadata;
import ml.frontier.core.model.ModelOptions;
import ml.frontier.core.model.ModelZoo;
import ml.frontier.core.model.TrainableModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code frontier info}: what a model file says about itself, or the zoo's architectures. */
@Command(name = "info",
        description = "Show a model file's metadata (architecture, data, accuracy, seed, hash, history; for TorchScript "
                + "and ONNX files what their sidecar or the file says), or the zoo.")
public final class InfoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "A model file (Frontier, TorchScript or ONNX).")
    Path file;

    @Option(names = "--zoo", description = "List the architectures and their hyper-parameters.")
    boolean zoo;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (zoo || file == null) {
            ModelZoo z = ModelZoo.standard();
            var zooMap = new java.util.LinkedHashMap<String, Object>();
            for (String n : z.names()) {
                json.text().printf("%-7s %s%n        defaults %s%n", n, z.get(n).description(),
                        new java.util.TreeMap<>(z.get(n).defaults()));
                zooMap.put(n, java.util.Map.of("description", z.get(n).description(),
                        "defaults", new java.util.TreeMap<>(z.get(n).defaults())));
            }
            json.print(zooMap);
            return 0;
        }
        if (!Files.exists(file)) {
            throw new ml.frontier.core.FrontierException(file + ": no such file");
        }
        ModelMetadata m;
        if (ModelFormat.detect(file) == ModelFormat.FRONTIER) {
            m = ModelFile.readMetadata(file);
        } else {
            try (TrainableModel loaded = Models.loadTrainable(file, ModelOptions.none())) {
                m = loaded.metadata();
            }
        }
        out.println(ArrayBundle.JSON.writeValueAsString(m));
        return 0;
    }
}
