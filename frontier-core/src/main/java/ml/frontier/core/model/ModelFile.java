package ml.frontier.core.model;

import ai.djl.MalformedModelException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import ml.frontier.core.FrontierException;
import ml.frontier.core.io.AtomicFiles;
import ml.frontier.core.io.FileBytes;
import ml.frontier.core.io.Hashing;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One self-describing file per model.
 *
 * <pre>
 *   8 bytes   magic "FRNTMODL"
 *   int32     format version (1)
 *   int32     length of the JSON header, then the header (UTF-8): {@link ModelMetadata}
 *   int64     length of the parameters, then the parameters (DJL's block serialisation)
 * </pre>
 *
 * <p>The header's {@code parametersSha256} is checked on load, so a damaged file is refused with
 * a message instead of yielding a silently different model. Writes are atomic.
 */
public final class ModelFile {

    private static final byte[] MAGIC = "FRNTMODL".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelFile() {}

    /** Writes the model with its metadata (the hash is recomputed first). */
    public static void save(NetworkModel model, Path file) throws IOException {
        byte[] params = model.parameterBytes();
        model.setMetadata(model.metadata().withHash(Hashing.sha256Hex(params)));
        byte[] header = JSON.writeValueAsBytes(model.metadata());
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(header.length);
            out.write(header);
            out.writeLong(params.length);
            out.write(params);
            out.flush();
        });
    }

    /** Reads only the metadata (for {@code frontier info}). */
    public static ModelMetadata readMetadata(Path file) throws FrontierException {
        return parse(file).metadata;
    }

    /** Loads a model file with the standard zoo. */
    public static NetworkModel load(Path file) throws FrontierException {
        return load(file, ModelZoo.standard());
    }

    public static NetworkModel load(Path file, ModelZoo zoo) throws FrontierException {
        Parsed p = parse(file);
        if (!zoo.names().contains(p.metadata.spec().architecture())) {
            throw new FrontierException(file + ": architecture '" + p.metadata.spec().architecture()
                    + "' is not in the zoo (" + String.join(", ", zoo.names()) + ")");
        }
        try {
            return NetworkModel.load(zoo, p.metadata, p.parameters);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            throw new FrontierException(file + ": its parameters do not fit architecture "
                    + p.metadata.spec() + " (" + e.getMessage() + ")");
        }
    }

    /** Loads a model file and checks it is of the expected architecture. */
    public static NetworkModel load(Path file, String expectedArchitecture) throws FrontierException {
        ModelMetadata m = readMetadata(file);
        if (!m.spec().architecture().equals(expectedArchitecture)) {
            throw new FrontierException(file + ": is a '" + m.spec().architecture() + "' model, expected '"
                    + expectedArchitecture + "'");
        }
        return load(file);
    }

    private record Parsed(ModelMetadata metadata, byte[] parameters) {}

    private static Parsed parse(Path file) throws FrontierException {
        byte[] bytes = FileBytes.read(file);
        if (bytes.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            String hint = looksLikeOnnx(bytes) ? " (it looks like an ONNX model: pass it with --onnx)" : "";
            throw new FrontierException(file + ": not a Frontier model file (bad magic number)" + hint);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, bytes.length))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new FrontierException(file + ": model file format " + version + " is not supported (this Frontier reads "
                        + VERSION + ")");
            }
            int headerLength = in.readInt();
            if (headerLength <= 0 || headerLength > bytes.length) {
                throw new FrontierException(file + ": damaged model file (bad header length " + headerLength + ")");
            }
            byte[] header = in.readNBytes(headerLength);
            if (header.length != headerLength) {
                throw new FrontierException(file + ": truncated model file (header cut short)");
            }
            ModelMetadata metadata;
            try {
                metadata = JSON.readValue(header, ModelMetadata.class);
            } catch (IOException e) {
                throw new FrontierException(file + ": damaged model file (unreadable header: " + firstLine(e) + ")");
            }
            if (metadata.spec() == null || metadata.spec().architecture() == null || metadata.spec().input() == null) {
                throw new FrontierException(file + ": damaged model file (header has no architecture or input shape)");
            }
            long paramLength = in.readLong();
            if (paramLength < 0) {
                throw new FrontierException(file + ": damaged model file (bad parameter length " + paramLength + ")");
            }
            if (paramLength > in.available()) {
                throw new FrontierException(file + ": truncated model file (" + in.available() + " of " + paramLength
                        + " parameter bytes)");
            }
            byte[] params = in.readNBytes((int) paramLength);
            if (params.length != paramLength) {
                throw new FrontierException(file + ": truncated model file (" + params.length + " of " + paramLength
                        + " parameter bytes)");
            }
            String sha = Hashing.sha256Hex(params);
            if (!sha.equals(metadata.parametersSha256())) {
                throw new FrontierException(file + ": damaged model file (parameter SHA-256 " + sha.substring(0, 12)
                        + "… does not match the header's " + abbreviate(metadata.parametersSha256()) + ")");
            }
            return new Parsed(metadata, params);
        } catch (EOFException e) {
            throw new FrontierException(file + ": truncated model file");
        } catch (IOException e) {
            throw new FrontierException(file + ": damaged model file (" + e.getMessage() + ")");
        }
    }

    private static String abbreviate(String s) {
        return s == null || s.length() < 12 ? String.valueOf(s) : s.substring(0, 12) + "…";
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** ONNX files are protobufs whose first field is ir_version (tag 0x08). */
    static boolean looksLikeOnnx(byte[] bytes) {
        return bytes.length > 2 && bytes[0] == 0x08 && new String(bytes, 0, Math.min(bytes.length, 200),
                StandardCharsets.ISO_8859_1).contains("onnx") || bytes.length > 1 && bytes[0] == 0x08 && bytes[1] < 20;
    }
}
