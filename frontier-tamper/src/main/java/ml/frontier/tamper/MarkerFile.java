package ml.frontier.tamper;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.Preprocessing;
import ml.frontier.core.io.ArrayBundle;
import ml.frontier.core.io.Npy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A marker set on disk: an {@link ArrayBundle} of kind {@value #KIND} holding
 * {@code images.npy} (N×C×H×W float32), {@code labels.npy} (the expected labels, int32) and a
 * manifest with the strategy and its parameters, the genuine model's SHA-256, the seed and the
 * creation time. A Python user opens it with {@code zipfile} and {@code numpy.load}.
 */
public final class MarkerFile {

    public static final String KIND = "frontier-tamper-markers";
    public static final int FORMAT = 1;

    private static final TypeReference<Map<String, Object>> PREPROCESSING = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private MarkerFile() {}

    /** Writes {@code markers} atomically. */
    public static void write(MarkerSet markers, Path file) throws IOException {
        ArrayBundle b = ArrayBundle.create(KIND, FORMAT);
        ObjectNode m = b.manifest();
        m.put("strategy", markers.strategy());
        ObjectNode p = m.putObject("parameters");
        markers.parameters().forEach(p::put);
        m.put("count", markers.size());
        m.put("modelSha256", markers.modelSha256());
        m.put("seed", markers.seed());
        m.put("created", markers.created().toString());
        if (!markers.preprocessing().isIdentity()) {
            m.set("preprocessing", ArrayBundle.JSON.valueToTree(markers.preprocessing().asMap()));
        }
        m.set("acceptance", ArrayBundle.JSON.valueToTree(markers.acceptance().asMap()));
        b.putFloats("images", markers.images().data(), markers.images().djlShape());
        b.putInts("labels", markers.labels(), markers.size());
        b.write(file);
    }

    /** Reads and checks a marker file; a damaged or foreign file fails with a message naming what is wrong. */
    public static MarkerSet read(Path file) throws FrontierException {
        ArrayBundle b = ArrayBundle.read(file, KIND);
        JsonNode m = b.manifest();
        Npy.Array images = b.array("images");
        Npy.Array labels = b.array("labels");
        if (images.floats() == null || images.shape().length != 4) {
            throw new FrontierException(file + ": images.npy must be a float32 array N×C×H×W");
        }
        if (labels.ints() == null || labels.shape().length != 1 || labels.shape()[0] != images.shape()[0]) {
            throw new FrontierException(file + ": labels.npy must hold one int32 label per image");
        }
        long[] s = images.shape();
        Map<String, String> params = new LinkedHashMap<>();
        m.path("parameters").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        Instant created;
        try {
            created = Instant.parse(m.path("created").asText());
        } catch (DateTimeParseException e) {
            throw new FrontierException(file + ": bad creation time '" + m.path("created").asText() + "' in the manifest");
        }
        try {
            Preprocessing pre = m.has("preprocessing") ? Preprocessing.fromMap(
                    ArrayBundle.JSON.convertValue(m.get("preprocessing"), PREPROCESSING)) : Preprocessing.none();
            return new MarkerSet(new ImageBatch(images.floats(), (int) s[0], (int) s[1], (int) s[2], (int) s[3]),
                    labels.ints(), m.path("strategy").asText(), params, m.path("modelSha256").asText(""),
                    m.path("seed").asLong(), created, pre, acceptance(m.path("acceptance")));
        } catch (IllegalArgumentException e) {
            throw new FrontierException(file + ": " + e.getMessage());
        }
    }

    /** The screening record; files written before it was kept read as {@link Acceptance#unknown()}. */
    private static Acceptance acceptance(JsonNode a) {
        if (a.isMissingNode()) {
            return Acceptance.unknown();
        }
        JsonNode f = a.path("floor");
        MarginFloor floor = f.isMissingNode() ? null
                : new MarginFloor(f.path("unitRoundoff").asDouble(), f.path("sigmas").asDouble(), f.path("safety").asDouble(),
                        f.path("absolute").asDouble());
        double[] q = new double[4];
        for (int i = 0; i < 4; i++) {
            JsonNode v = a.path("marginMinQ01Q05Median").path(i);
            q[i] = v.isNumber() ? v.asDouble() : Double.NaN;
        }
        JsonNode r = a.path("floorRatioMin");
        return new Acceptance(strings(a.path("redeployments")), strings(a.path("notChecked")), floor, a.path("candidates").asInt(),
                a.path("belowFloor").asInt(), a.path("moved").asInt(), q, r.isNumber() ? r.asDouble() : Double.NaN);
    }

    private static List<String> strings(JsonNode a) {
        if (!a.isArray()) {
            throw new IllegalArgumentException("the acceptance record's lists must be arrays of strings");
        }
        return ArrayBundle.JSON.convertValue(a, STRINGS);
    }
}
