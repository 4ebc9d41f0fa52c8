package ml.frontier.cli.common;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.classifier.OnnxClassifier;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.serve.client.RemoteClassifier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a model comes from: a Frontier model file, an ONNX file, or a remote Open Inference
 * Protocol endpoint. Exactly one is given.
 */
public final class ModelSource {

    @ArgGroup(exclusive = true, multiplicity = "1")
    public Choice choice;

    @Mixin
    public RemoteOptions remoteOptions = new RemoteOptions();

    private String remoteDescription;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Bearer token for --remote (file content, trimmed).")
    public Path tokenFile;

    @Option(names = "--input-shape", paramLabel = "CxHxW", defaultValue = "1x28x28",
            description = "Input shape of an --onnx model (default: ${DEFAULT-VALUE}).")
    public String onnxShape;

    /** The exclusive choice of source. */
    public static final class Choice {
        @Option(names = "--model", paramLabel = "FILE", description = "A Frontier model file.")
        public Path model;

        @Option(names = "--remote", paramLabel = "URL",
                description = "An Open Inference Protocol v2 model: http(s)://host:8080/v2/models/NAME or grpc(s)://host:8001/NAME.")
        public String remote;

        @Option(names = "--onnx", paramLabel = "FILE", description = "An ONNX model file (black box).")
        public Path onnx;
    }

    /** True when the model is a local Frontier file (white-box access). */
    public boolean isFile() {
        return choice.model != null;
    }

    /** Loads the model file (white-box commands need it). */
    public NetworkModel loadModel() throws FrontierException {
        if (choice.model == null) {
            throw new FrontierException("this command needs white-box access: give --model FILE");
        }
        return ModelFile.load(choice.model);
    }

    /** Opens the model as a black box, whatever its source. Close it after use. */
    public Classifier openClassifier() throws FrontierException {
        if (choice.model != null) {
            NetworkModel m = ModelFile.load(choice.model);
            return new OwnedClassifier(new DjlClassifier(m, m.spec().architecture() + " from " + choice.model, 512), m);
        }
        if (choice.onnx != null) {
            return OnnxClassifier.load(choice.onnx, ImageShape.parse(onnxShape), 10);
        }
        RemoteClassifier remote = remoteOptions.connect(choice.remote, token());
        remoteDescription = remote.describe();
        return remote;
    }

    /** What the model is, for reports. */
    public String describe() {
        return choice.model != null ? choice.model.toString() : choice.onnx != null ? choice.onnx.toString()
                : remoteDescription != null ? remoteDescription : choice.remote;
    }

    private String token() throws FrontierException {
        if (tokenFile == null) {
            return null;
        }
        try {
            return Files.readString(tokenFile).trim();
        } catch (IOException e) {
            throw new FrontierException(tokenFile + ": cannot read the token file (" + e.getMessage() + ")");
        }
    }

    /** A classifier that closes the network it owns. */
    private static final class OwnedClassifier extends ml.frontier.core.classifier.ForwardingClassifier {
        private final NetworkModel model;

        OwnedClassifier(DjlClassifier inner, NetworkModel model) {
            super(inner);
            this.model = model;
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
