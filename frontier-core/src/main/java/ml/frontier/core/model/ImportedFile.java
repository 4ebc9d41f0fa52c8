package ml.frontier.core.model;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.image.Preprocessing;
import ml.frontier.core.io.FileBytes;
import ml.frontier.core.io.Hashing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user's model file (TorchScript, ONNX) as Frontier finds it: its SHA-256 and the sidecar
 * Frontier may have written beside it, which must describe this very file.
 *
 * @param file the model file
 * @param sha256 SHA-256 of its bytes
 * @param sidecar its {@link ModelSidecar}, null when Frontier never wrote one
 */
public record ImportedFile(Path file, String sha256, ModelSidecar sidecar) {

    /** Reads {@code file}'s hash and sidecar; a sidecar of another file is refused. */
    public static ImportedFile read(Path file) throws FrontierException {
        String sha = Hashing.sha256Hex(FileBytes.read(file));
        ModelSidecar sidecar = ModelSidecar.readBeside(file);
        if (sidecar != null && !sha.equals(sidecar.fileSha256())) {
            throw new FrontierException(file + ": its sidecar " + ModelSidecar.of(file).getFileName()
                    + " describes another file (SHA-256 differs): the model was changed outside Frontier; "
                    + "remove the sidecar to load it as a new model");
        }
        return new ImportedFile(file, sha, sidecar);
    }

    /** The transform given on the command line, else the one the sidecar recorded. */
    public Preprocessing preprocessing(ModelOptions options) {
        return !options.preprocessing().isIdentity() || sidecar == null ? options.preprocessing()
                : Preprocessing.fromMap(sidecar.preprocessing());
    }

    /** The image shape the sidecar recorded, or null. */
    public ImageShape recordedShape() {
        return sidecar == null ? null : sidecar.metadata().spec().input();
    }

    /** The sidecar's metadata, or new metadata whose history starts with {@code import:<format>}. */
    public ModelMetadata metadata(String format, ImageShape shape, int classes) {
        if (sidecar != null) {
            return sidecar.metadata();
        }
        ModelSpec spec = new ModelSpec(format, Map.of("file", file.getFileName().toString()), shape, classes);
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("source", file.toString());
        step.put("fileSha256", sha256);
        return ModelMetadata.fresh(spec, 0).withStep("import:" + format, step);
    }
}
