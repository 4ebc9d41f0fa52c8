package ml.frontier.cli.common;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.TransformedClassifier;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.image.Preprocessing;
import ml.frontier.core.load.ModelFormat;
import ml.frontier.core.load.Models;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.ModelOptions;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.serve.client.RemoteClassifier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a model comes from: a model file (a Frontier model file, TorchScript or ONNX, recognised
 * from its content) or a remote Open Inference Protocol endpoint. Exactly one is given.
 *
 * <p>The input shape and number of classes come from the file where it says them; the options
 * {@code --input-shape} and {@code --classes} fill in the rest. {@code --mean}, {@code --std} and
 * {@code --layout} describe the input the model expects; images, keys and markers stay
 * {@code [0,1]} NCHW and are transformed on the way in, the same way for files and remote models.
 */
public final class ModelSource {

    @ArgGroup(exclusive = true, multiplicity = "1")
    public Choice choice;

    @Mixin
    public RemoteOptions remoteOptions = new RemoteOptions();

    private String remoteDescription;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Bearer token for --remote (file content, trimmed).")
    public Path tokenFile;

    @Mixin
    public ModelInputOptions input = new ModelInputOptions();

    /** The exclusive choice of source. */
    public static final class Choice {
        @Option(names = "--model", paramLabel = "FILE",
                description = "A model file: Frontier, TorchScript (.pt) or ONNX, recognised from its content.")
        public Path model;

        @Option(names = "--remote", paramLabel = "URL",
                description = "An Open Inference Protocol v2 model: http(s)://host:8080/v2/models/NAME or grpc(s)://host:8001/NAME.")
        public String remote;

        @Option(names = "--onnx", paramLabel = "FILE", description = "Same as --model (kept for old scripts).")
        public Path onnx;
    }

    /** The local model file, or null for a remote model. */
    public Path file() {
        return choice.model != null ? choice.model : choice.onnx;
    }

    /** True when the model is a local file (of any format). */
    public boolean isFile() {
        return file() != null;
    }

    /** True when the model is a local file that opens as a white box (Frontier or TorchScript). */
    public boolean isWhiteBox() throws FrontierException {
        return isFile() && Models.isWhiteBox(file());
    }

    /** What the user said about the model: shape, classes, input transform. */
    public ModelOptions options() {
        return input.options();
    }

    /** The input transform the model expects. */
    public Preprocessing preprocessing() {
        return input.preprocessing();
    }

    /** Loads a Frontier model file (the commands that work on the zoo's networks only). */
    public NetworkModel loadModel() throws FrontierException {
        if (!isFile()) {
            throw new FrontierException("this command needs white-box access: give --model FILE");
        }
        ModelFormat f = ModelFormat.detect(file());
        if (f != ModelFormat.FRONTIER) {
            throw new FrontierException(file() + ": a " + f.description() + "; this command takes a Frontier model file");
        }
        return ModelFile.load(file());
    }

    /** Loads a white-box model: a Frontier model file or a TorchScript file. */
    public TrainableModel loadTrainable() throws FrontierException {
        if (!isFile()) {
            throw new FrontierException("this command needs white-box access: give --model FILE");
        }
        return Models.loadTrainable(file(), options());
    }

    /** Opens the model as a black box, whatever its source. Close it after use. */
    public Classifier openClassifier() throws FrontierException {
        return open(preprocessing());
    }

    /**
     * Opens the model as a black box with the input transform a key or marker file recorded:
     * that one unless the command line names another, which is then refused if they differ.
     */
    public Classifier openClassifier(Preprocessing recorded) throws FrontierException {
        Preprocessing given = preprocessing();
        if (!given.isIdentity() && !recorded.isIdentity() && !given.equals(recorded)) {
            throw new FrontierException("the input transform given (" + given + ") is not the one recorded with the "
                    + "markers or key (" + recorded + ")");
        }
        return open(given.isIdentity() ? recorded : given);
    }

    private Classifier open(Preprocessing pre) throws FrontierException {
        ModelOptions o = options();
        if (isFile()) {
            return Models.openClassifier(file(), new ModelOptions(o.inputShape(), o.numClasses(), pre));
        }
        RemoteClassifier remote = remoteOptions.connect(choice.remote, token());
        remoteDescription = remote.describe();
        if (pre.isIdentity()) {
            return remote;
        }
        ImageShape tensor = remote.inputShape();
        try {
            return new TransformedClassifier(remote, pre, pre.imageShape(new long[] {tensor.channels(), tensor.height(), tensor.width()}));
        } catch (IllegalArgumentException e) {
            remote.close();
            throw e;
        }
    }

    /** The SHA-256 a local white-box model hashes to (null for ONNX and remote models). */
    public String localSha256() throws FrontierException {
        if (!isWhiteBox()) {
            return null;
        }
        if (ModelFormat.detect(file()) == ModelFormat.FRONTIER) {
            return ModelFile.readMetadata(file()).parametersSha256();
        }
        try (TrainableModel m = loadTrainable()) {
            return m.sha256();
        }
    }

    /** What the model is, for reports. */
    public String describe() {
        return isFile() ? file().toString() : remoteDescription != null ? remoteDescription : choice.remote;
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
}
