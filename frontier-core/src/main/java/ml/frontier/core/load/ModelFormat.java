package ml.frontier.core.load;

import ml.frontier.core.FrontierException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/** The formats of model file Frontier opens, told apart by their first bytes (not their names). */
public enum ModelFormat {
    /** Frontier's own model file (magic {@code FRNTMODL}): white box. */
    FRONTIER("Frontier model file"),
    /** A TorchScript archive (a zip, as {@code torch.jit.save} writes it): white box. */
    TORCHSCRIPT("TorchScript model"),
    /** An ONNX {@code ModelProto} (a protobuf that starts with its {@code ir_version}): black box. */
    ONNX("ONNX model");

    private static final byte[] FRONTIER_MAGIC = "FRNTMODL".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private final String description;

    ModelFormat(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The format of {@code file}; fails with a one-line message when it is none of them. */
    public static ModelFormat detect(Path file) throws FrontierException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        } catch (NoSuchFileException e) {
            throw new FrontierException(file + ": no such file");
        } catch (IOException e) {
            throw new FrontierException(file + ": cannot read (" + e.getMessage() + ")");
        }
        ModelFormat f = of(head);
        if (f == null) {
            throw new FrontierException(file + ": not a model file Frontier knows (neither a Frontier model file, "
                    + "a TorchScript archive nor an ONNX model)");
        }
        return f;
    }

    /** The format whose signature {@code head} (the first bytes of a file) carries, or null. */
    static ModelFormat of(byte[] head) {
        if (startsWith(head, FRONTIER_MAGIC)) {
            return FRONTIER;
        }
        if (startsWith(head, ZIP_MAGIC)) {
            return TORCHSCRIPT;
        }
        // field 1 (ir_version) as a varint: tag 0x08, then a small version number (3..12 today)
        if (head.length >= 2 && head[0] == 0x08 && head[1] > 0 && head[1] < 64) {
            return ONNX;
        }
        return null;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(Arrays.copyOf(b, prefix.length), prefix);
    }
}
