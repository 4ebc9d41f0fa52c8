package ml.frontier.watermark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.Preprocessing;
import ml.frontier.core.io.ArrayBundle;
import ml.frontier.core.io.Hashing;
import ml.frontier.core.io.Npy;
import ml.frontier.watermark.stats.BinomialThreshold;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A watermark key on disk: an {@link ArrayBundle} zip of kind {@value #KIND} holding
 * {@code images.npy} (n×C×H×W float32), {@code labels.npy}, {@code original.npy},
 * {@code answers.npy} and {@code counted.npy} (int32, see {@link WatermarkKey}) and
 * {@code manifest.json} with {@code scheme}, {@code eps}, {@code k} (counted images),
 * {@code anchors}, {@code p}, {@code theta}, {@code falsePositiveBound}, the provenance (with the
 * model's input transform, {@code preprocessing}, when it has one) and
 * {@code commitment} (see {@link WatermarkKey#commitment()}). Reading checks every array's hash,
 * the shapes and the commitment. Keys of the first format (labels and kinds only, every image
 * counted) are read as {@link KeyScheme#PAPER} keys.
 */
public final class KeyFile {

    public static final String KIND = "frontier-watermark-key";
    private static final int FORMAT = 2;

    private KeyFile() {}

    public static void write(WatermarkKey key, Path file) throws FrontierException {
        ArrayBundle b = ArrayBundle.create(KIND, FORMAT);
        ImageBatch img = key.images();
        b.putFloats("images", img.data(), img.n(), img.channels(), img.height(), img.width());
        b.putInts("labels", key.labels(), key.size());
        b.putInts("original", key.originalLabels(), key.size());
        b.putInts("answers", key.sourceAnswers(), key.size());
        b.putInts("counted", key.countedInts(), key.size());
        ObjectNode m = b.manifest();
        int theta = key.threshold();
        m.put("scheme", key.scheme().id());
        m.put("eps", key.epsilon());
        m.put("k", key.countedSize());
        m.put("anchors", key.anchors());
        m.put("p", key.p());
        m.put("theta", theta);
        m.put("falsePositiveBound", BinomialThreshold.falsePositiveRate(key.countedSize(), theta));
        m.put("markedModelSha256", key.provenance().markedModelSha256());
        m.put("sourceModelSha256", key.provenance().sourceModelSha256());
        m.put("sourceDataset", key.provenance().sourceDataset());
        m.put("seed", key.provenance().seed());
        m.put("coins", key.provenance().coins());
        m.put("created", key.provenance().created());
        if (!key.provenance().preprocessing().isIdentity()) {
            m.set("preprocessing", ArrayBundle.JSON.valueToTree(key.provenance().preprocessing().asMap()));
        }
        m.put("commitment", key.commitment());
        m.put("commitmentRule", "sha256(images<f4 C-order | labels<i4 | original<i4 | answers<i4 | counted<i4 | eps<f4 "
                + "| scheme utf-8), little-endian bytes");
        try {
            b.write(file);
        } catch (IOException e) {
            throw new FrontierException(file + ": cannot write the key (" + e.getMessage() + ")");
        }
    }

    public static WatermarkKey read(Path file) throws FrontierException {
        ArrayBundle b = ArrayBundle.read(file, KIND);
        JsonNode m = b.manifest();
        Npy.Array images = b.array("images");
        if (images.shape().length != 4 || images.floats() == null) {
            throw new FrontierException(file + ": images.npy must be a n×C×H×W float32 array, got shape "
                    + Arrays.toString(images.shape()));
        }
        int n = (int) images.shape()[0];
        ImageBatch batch = new ImageBatch(images.floats(), n, (int) images.shape()[1], (int) images.shape()[2],
                (int) images.shape()[3]);
        int[] labels = ints(b, "labels", n, file);
        boolean legacy = m.path("format").asInt(FORMAT) == 1 || m.path("scheme").isMissingNode();
        KeyProvenance prov = new KeyProvenance(m.path("sourceDataset").asText(""), m.path("sourceModelSha256").asText(""),
                m.path("markedModelSha256").asText(""), m.path("seed").asLong(0), m.path("coins").asText(""),
                m.path("created").asText(""), preprocessing(m, file));
        float eps = (float) m.path("eps").asDouble(-1);
        double p = m.path("p").asDouble(0.05);
        WatermarkKey key;
        try {
            key = legacy ? legacyKey(b, batch, labels, eps, p, prov, file)
                    : new WatermarkKey(scheme(m, file), batch, labels, ints(b, "original", n, file),
                    ints(b, "answers", n, file), flags(ints(b, "counted", n, file), "counted", file), eps, p, prov);
        } catch (IllegalArgumentException e) {
            throw new FrontierException(file + ": bad key (" + e.getMessage() + ")");
        }
        if (m.path("k").asInt(-1) != key.countedSize()) {
            throw new FrontierException(file + ": the manifest says k=" + m.path("k").asText() + " but the key counts "
                    + key.countedSize() + " images");
        }
        String stored = m.path("commitment").asText("");
        String expected = legacy ? legacyCommitment(batch, labels, ints(b, "kinds", n, file), eps) : key.commitment();
        if (!stored.equals(expected)) {
            throw new FrontierException(file + ": the key does not match its commitment (damaged or edited file)");
        }
        return key;
    }

    /** First format: original labels and kinds (1 true adversary, 0 false), every image counted. */
    private static WatermarkKey legacyKey(ArrayBundle b, ImageBatch batch, int[] labels, float eps, double p,
                                          KeyProvenance prov, Path file) throws FrontierException {
        boolean[] trueAdv = flags(ints(b, "kinds", labels.length, file), "kinds", file);
        int[] answers = new int[labels.length];
        boolean[] counted = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            answers[i] = trueAdv[i] ? -1 : labels[i];
            counted[i] = true;
        }
        return new WatermarkKey(KeyScheme.PAPER, batch, labels, labels, answers, counted, eps, p, prov);
    }

    private static String legacyCommitment(ImageBatch images, int[] labels, int[] kinds, float eps) {
        MessageDigest d = Hashing.sha256();
        Hashing.update(d, images.data());
        Hashing.update(d, labels);
        Hashing.update(d, kinds);
        d.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(eps).array());
        return Hashing.hex(d);
    }

    private static Preprocessing preprocessing(JsonNode m, Path file) throws FrontierException {
        if (!m.has("preprocessing")) {
            return Preprocessing.none();
        }
        try {
            return Preprocessing.fromMap(ArrayBundle.JSON.convertValue(m.get("preprocessing"),
                    new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>>() {}));
        } catch (IllegalArgumentException e) {
            throw new FrontierException(file + ": bad preprocessing in the manifest (" + e.getMessage() + ")");
        }
    }

    private static KeyScheme scheme(JsonNode m, Path file) throws FrontierException {
        try {
            return KeyScheme.parse(m.path("scheme").asText(""));
        } catch (IllegalArgumentException e) {
            throw new FrontierException(file + ": " + e.getMessage());
        }
    }

    private static int[] ints(ArrayBundle b, String name, int n, Path file) throws FrontierException {
        Npy.Array a = b.array(name);
        if (a.ints() == null || a.ints().length != n) {
            throw new FrontierException(file + ": " + name + ".npy must hold " + n + " int32 values");
        }
        return a.ints();
    }

    private static boolean[] flags(int[] v, String name, Path file) throws FrontierException {
        boolean[] out = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0 && v[i] != 1) {
                throw new FrontierException(file + ": " + name + ".npy must hold 0 or 1, found " + v[i]);
            }
            out[i] = v[i] == 1;
        }
        return out;
    }
}
