package ml.frontier.watermark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.io.ArrayBundle;
import ml.frontier.core.io.Npy;
import ml.frontier.watermark.stats.BinomialThreshold;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A watermark key on disk: an {@link ArrayBundle} zip of kind {@value #KIND} holding
 * {@code images.npy} (k×C×H×W float32), {@code labels.npy} (int32), {@code kinds.npy} (int32: 1
 * true adversary, 0 false) and {@code manifest.json} with {@code eps}, {@code k}, {@code p},
 * {@code theta}, {@code falsePositiveBound}, {@code markedModelSha256}, {@code sourceModelSha256},
 * {@code sourceDataset}, {@code seed}, {@code created} and {@code commitment} (see
 * {@link WatermarkKey#commitment()}). Reading checks every array's hash, the shapes and the
 * commitment.
 */
public final class KeyFile {

    public static final String KIND = "frontier-watermark-key";
    private static final int FORMAT = 1;

    private KeyFile() {}

    public static void write(WatermarkKey key, Path file) throws FrontierException {
        ArrayBundle b = ArrayBundle.create(KIND, FORMAT);
        ImageBatch img = key.images();
        b.putFloats("images", img.data(), img.n(), img.channels(), img.height(), img.width());
        b.putInts("labels", key.labels(), key.size());
        b.putInts("kinds", key.kinds(), key.size());
        ObjectNode m = b.manifest();
        int theta = key.threshold();
        m.put("eps", key.epsilon());
        m.put("k", key.size());
        m.put("p", key.p());
        m.put("theta", theta);
        m.put("falsePositiveBound", BinomialThreshold.falsePositiveRate(key.size(), theta));
        m.put("markedModelSha256", key.provenance().markedModelSha256());
        m.put("sourceModelSha256", key.provenance().sourceModelSha256());
        m.put("sourceDataset", key.provenance().sourceDataset());
        m.put("seed", key.provenance().seed());
        m.put("created", key.provenance().created());
        m.put("commitment", key.commitment());
        m.put("commitmentRule", "sha256(images<f4 C-order | labels<i4 | kinds<i4 | eps<f4), little-endian bytes");
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
        Npy.Array labels = b.array("labels");
        Npy.Array kinds = b.array("kinds");
        if (images.shape().length != 4 || images.floats() == null) {
            throw new FrontierException(file + ": images.npy must be a k×C×H×W float32 array, got shape "
                    + Arrays.toString(images.shape()));
        }
        int k = (int) images.shape()[0];
        if (labels.ints() == null || labels.ints().length != k || kinds.ints() == null || kinds.ints().length != k) {
            throw new FrontierException(file + ": labels.npy and kinds.npy must hold " + k + " int32 values");
        }
        if (m.path("k").asInt(-1) != k) {
            throw new FrontierException(file + ": the manifest says k=" + m.path("k").asText() + " but the key holds " + k + " images");
        }
        boolean[] trueAdv = new boolean[k];
        for (int i = 0; i < k; i++) {
            int v = kinds.ints()[i];
            if (v != 0 && v != 1) {
                throw new FrontierException(file + ": kinds.npy must hold 0 or 1, found " + v);
            }
            trueAdv[i] = v == 1;
        }
        ImageBatch batch = new ImageBatch(images.floats(), k, (int) images.shape()[1], (int) images.shape()[2],
                (int) images.shape()[3]);
        KeyProvenance prov = new KeyProvenance(m.path("sourceDataset").asText(""), m.path("sourceModelSha256").asText(""),
                m.path("markedModelSha256").asText(""), m.path("seed").asLong(0), m.path("created").asText(""));
        WatermarkKey key;
        try {
            key = new WatermarkKey(batch, labels.ints(), trueAdv, (float) m.path("eps").asDouble(-1),
                    m.path("p").asDouble(0.05), prov);
        } catch (IllegalArgumentException e) {
            throw new FrontierException(file + ": bad key (" + e.getMessage() + ")");
        }
        String stored = m.path("commitment").asText("");
        if (!stored.equals(key.commitment())) {
            throw new FrontierException(file + ": the key does not match its commitment (damaged or edited file)");
        }
        return key;
    }

    /** Fails with a clear message when the key's images do not fit {@code model}'s input or labels. */
    public static void checkShape(WatermarkKey key, Classifier model) throws FrontierException {
        model.checkShape(key.images(), "the watermark key");
        for (int l : key.labels()) {
            if (l < 0 || l >= model.numClasses()) {
                throw new FrontierException("the watermark key has label " + l + " but " + model.describe()
                        + " has " + model.numClasses() + " classes");
            }
        }
    }
}
