package ml.frontier.core.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import ml.frontier.core.FrontierException;
import ml.frontier.core.image.Preprocessing;
import ml.frontier.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Frontier's provenance for a model file in a user's format (TorchScript, ONNX), kept beside it
 * as {@code FILE.frontier.json} so the model file itself stays plain (what {@code torch.jit.load},
 * TorchServe, Triton or ONNX Runtime accept).
 *
 * @param format {@value #FORMAT}
 * @param fileSha256 SHA-256 of the model file it describes
 * @param metadata the model's metadata: input shape, classes, history, parameter hash
 * @param preprocessing the input transform the model expects ({@link Preprocessing#asMap()})
 */
public record ModelSidecar(String format, String fileSha256, ModelMetadata metadata,
                                 Map<String, Object> preprocessing) {

    public static final String FORMAT = "frontier-sidecar/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Where the sidecar of {@code model} lives. */
    public static Path of(Path model) {
        return model.resolveSibling(model.getFileName() + ".frontier.json");
    }

    /** Writes it atomically beside {@code model}. */
    public void writeBeside(Path model) throws IOException {
        AtomicFiles.write(of(model), JSON.writeValueAsBytes(this));
    }

    /** The sidecar of {@code model}, or null when there is none. */
    public static ModelSidecar readBeside(Path model) throws FrontierException {
        Path file = of(model);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        ModelSidecar s;
        try {
            s = JSON.readValue(file.toFile(), ModelSidecar.class);
        } catch (IOException e) {
            throw new FrontierException(file + ": unreadable Frontier sidecar (" + firstLine(e.getMessage()) + ")");
        }
        if (!FORMAT.equals(s.format()) || s.metadata() == null || s.metadata().spec() == null) {
            throw new FrontierException(file + ": not a Frontier sidecar of format " + FORMAT);
        }
        return s;
    }

    public static String firstLine(String m) {
        String s = String.valueOf(m);
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
