package ml.frontier.cli;

import ml.frontier.cli.common.JsonOption;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.onnx.OnnxExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code frontier export}: writes an mlp or cnn model file as ONNX. */
@Command(name = "export",
        description = "Export an mlp or cnn model file to ONNX (input [N,C,H,W] 'input', output 'logits').")
public final class ExportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A Frontier model file.")
    Path model;

    @Option(names = "--onnx", required = true, paramLabel = "FILE", description = "ONNX file to write.")
    Path onnx;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        try (NetworkModel m = ModelFile.load(model)) {
            try {
                OnnxExport.write(m, onnx);
            } catch (IllegalArgumentException e) {
                throw new ml.frontier.core.FrontierException(model + ": " + e.getMessage());
            }
            json.text().printf("wrote %s (%s, opset 13)%n", onnx, m.spec().architecture());
            json.print(java.util.Map.of("onnx", onnx.toString(), "architecture", m.spec().architecture(), "opset", 13));
        }
        return 0;
    }
}
