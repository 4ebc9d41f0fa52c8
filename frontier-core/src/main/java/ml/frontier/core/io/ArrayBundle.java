package ml.frontier.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ml.frontier.core.FrontierException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A zip of a JSON manifest ({@code manifest.json}) and named {@code .npy} arrays.
 *
 * <p>The format of watermark keys and tamper marker sets: a Python user opens it with
 * {@code zipfile} and {@code numpy.load}. The manifest records each array's SHA-256, checked on
 * read, so a damaged file fails with a message naming the array.
 */
public final class ArrayBundle {

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String MANIFEST = "manifest.json";

    private final ObjectNode manifest;
    private final Map<String, byte[]> arrays;

    private ArrayBundle(ObjectNode manifest, Map<String, byte[]> arrays) {
        this.manifest = manifest;
        this.arrays = arrays;
    }

    /** A new bundle whose manifest declares its {@code kind} (e.g. "frontier-watermark-key"). */
    public static ArrayBundle create(String kind, int formatVersion) {
        ObjectNode m = JSON.createObjectNode();
        m.put("kind", kind);
        m.put("format", formatVersion);
        return new ArrayBundle(m, new LinkedHashMap<>());
    }

    public ObjectNode manifest() {
        return manifest;
    }

    public ArrayBundle putFloats(String name, float[] data, long... shape) {
        arrays.put(name, Npy.writeFloats(data, shape));
        return this;
    }

    public ArrayBundle putInts(String name, int[] data, long... shape) {
        arrays.put(name, Npy.writeInts(data, shape));
        return this;
    }

    public Npy.Array array(String name) throws FrontierException {
        byte[] b = arrays.get(name);
        if (b == null) {
            throw new FrontierException("the file has no array '" + name + "'");
        }
        return Npy.read(b, name + ".npy");
    }

    /** Writes the bundle atomically; each array's SHA-256 goes into the manifest. */
    public void write(Path file) throws IOException {
        ObjectNode hashes = manifest.putObject("sha256");
        arrays.forEach((name, bytes) -> hashes.put(name + ".npy", Hashing.sha256Hex(bytes)));
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(manifestBytes);
            zip.closeEntry();
            for (var e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** Reads and checks a bundle of the given kind. */
    public static ArrayBundle read(Path file, String expectedKind) throws FrontierException {
        byte[] bytes = FileBytes.read(file);
        JsonNode manifest = null;
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                byte[] content = zip.readAllBytes();
                if (e.getName().equals(MANIFEST)) {
                    manifest = JSON.readTree(content);
                } else if (e.getName().endsWith(".npy")) {
                    arrays.put(e.getName().substring(0, e.getName().length() - 4), content);
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new FrontierException(file + ": damaged file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new FrontierException(file + ": damaged file (" + e.getMessage() + ")");
        }
        if (manifest == null || !manifest.isObject()) {
            throw new FrontierException(file + ": not a Frontier " + expectedKind + " file (no manifest)");
        }
        if (!expectedKind.equals(manifest.path("kind").asText())) {
            throw new FrontierException(file + ": is a '" + manifest.path("kind").asText()
                    + "' file, expected '" + expectedKind + "'");
        }
        JsonNode hashes = manifest.path("sha256");
        for (var entry : arrays.entrySet()) {
            String expected = hashes.path(entry.getKey() + ".npy").asText("");
            if (!expected.equals(Hashing.sha256Hex(entry.getValue()))) {
                throw new FrontierException(file + ": array '" + entry.getKey() + "' is damaged (SHA-256 mismatch)");
            }
        }
        var names = hashes.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!arrays.containsKey(n.substring(0, n.length() - 4))) {
                throw new FrontierException(file + ": array '" + n + "' is missing");
            }
        }
        return new ArrayBundle((ObjectNode) manifest, arrays);
    }
}
