package ml.frontier.tamper;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkerFileTest {

    static MarkerSet sample() {
        Random r = new Random(4);
        float[] px = new float[5 * 784];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextFloat();
        }
        return new MarkerSet(ImageBatch.of(px, 5, ImageShape.MNIST), new int[] {1, 2, 3, 4, 5}, "boundary",
                Map.of("minMargin", "0.01"), "ab12", 9, java.time.Instant.parse("2026-11-28T22:00:00Z"));
    }

    @Test
    void roundTrip(@TempDir Path dir) throws Exception {
        MarkerSet m = sample();
        Path f = dir.resolve("x.markers");
        MarkerFile.write(m, f);
        MarkerSet back = MarkerFile.read(f);
        assertEquals(m, back);
        assertEquals("0.01", back.parameters().get("minMargin"));
        assertEquals("ab12", back.modelSha256());
        assertEquals(Acceptance.unknown(), back.acceptance());
        Acceptance a = new Acceptance(java.util.List.of("in-process/batch1", "fresh-process/threads2/avx2/batch1"),
                java.util.List.of("onnxruntime: not exportable"), MarginFloor.defaults(), 130, 20, 3,
                new double[] {0.011, 0.012, 0.013, 0.02}, 1.4);
        MarkerFile.write(m.withAcceptance(a), f);
        assertEquals(a, MarkerFile.read(f).acceptance());
        assertTrue(MarkerFile.read(f).acceptance().summary().contains("2 benign re-deployments checked"));
    }

    @Test
    void damagedFileFailsWithAMessage(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.markers");
        MarkerFile.write(sample(), f);
        byte[] b = Files.readAllBytes(f);
        for (int i = b.length / 2; i < b.length / 2 + 64; i++) {
            b[i] ^= 0x5A;
        }
        Files.write(f, b);
        FrontierException e = assertThrows(FrontierException.class, () -> MarkerFile.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.isBadInput());
    }

    @Test
    void missingAndForeignFilesFail(@TempDir Path dir) throws IOException {
        assertTrue(assertThrows(FrontierException.class, () -> MarkerFile.read(dir.resolve("none")))
                .getMessage().contains("no such file"));
        Path junk = dir.resolve("junk");
        Files.writeString(junk, "not a zip");
        assertThrows(FrontierException.class, () -> MarkerFile.read(junk));
    }

    @Test
    void markerSetRejectsMismatchedLabels() {
        assertThrows(IllegalArgumentException.class, () -> MarkerSet.of(ImageBatch.zeros(3, ImageShape.MNIST),
                new int[] {1}, "random", Map.of(), 1));
    }
}
