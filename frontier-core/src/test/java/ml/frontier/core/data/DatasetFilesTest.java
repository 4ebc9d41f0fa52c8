package ml.frontier.core.data;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class DatasetFilesTest {

    @TempDir
    Path dir;

    private static Dataset tiny(int n) {
        float[] px = new float[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < px.length; i++) {
            px[i] = ((i * 37) % 256) / 255f;
        }
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        return new Dataset("tiny", ImageBatch.of(px, n, ImageShape.MNIST), labels, 10);
    }

    @Test
    void embeddedMnistHasTenThousandDigitsOfEveryClass() throws FrontierException {
        TrainTest tt = DatasetLoader.load("mnist");
        assertEquals(8000, tt.train().size());
        assertEquals(2000, tt.test().size());
        assertEquals(ImageShape.MNIST, tt.train().shape());
        int[] counts = new int[10];
        for (int l : tt.test().labels()) {
            counts[l]++;
        }
        for (int c : counts) {
            assertTrue(c > 120, "every class appears in the test split: " + Arrays.toString(counts));
        }
        float max = 0;
        for (float v : tt.train().images().data()) {
            max = Math.max(max, v);
        }
        assertEquals(1f, max, 1e-6);
    }

    @Test
    void idxRoundTripRawAndGzipped() throws Exception {
        Dataset d = tiny(30);
        IdxWriter.write(d, dir, "train");
        IdxWriter.write(d.slice(0, 10), dir, "t10k");
        TrainTest tt = DatasetLoader.load(dir.toString());
        assertEquals(30, tt.train().size());
        assertArrayEquals(d.labels(), tt.train().labels());
        for (int i = 0; i < d.images().data().length; i++) {
            assertEquals(d.images().data()[i], tt.train().images().data()[i], 0.5f / 255);
        }
        // the same data gunzipped must read the same
        byte[] raw = new java.util.zip.GZIPInputStream(Files.newInputStream(dir.resolve("train-images-idx3-ubyte.gz"))).readAllBytes();
        assertEquals(30, IdxReader.readImages(raw, "raw").n());
    }

    @Test
    void truncatedWrongMagicAndMismatchedCountsGiveOneLineErrorsNamingTheFile() throws Exception {
        Dataset d = tiny(20);
        IdxWriter.write(d, dir, "train");
        IdxWriter.write(d.slice(0, 5), dir, "t10k");
        byte[] raw = new java.util.zip.GZIPInputStream(Files.newInputStream(dir.resolve("train-images-idx3-ubyte.gz"))).readAllBytes();
        Path truncated = dir.resolve("train-images-idx3-ubyte.gz");
        Files.delete(truncated);
        Files.write(dir.resolve("train-images-idx3-ubyte"), Arrays.copyOf(raw, raw.length - 100));
        FrontierException e = assertThrows(FrontierException.class, () -> DatasetLoader.load(dir.toString()));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte") && e.getMessage().contains("truncated"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        raw[3] = 0x01;
        Files.write(dir.resolve("train-images-idx3-ubyte"), raw);
        e = assertThrows(FrontierException.class, () -> DatasetLoader.load(dir.toString()));
        assertTrue(e.getMessage().contains("wrong magic number"), e.getMessage());

        IdxWriter.write(d, dir, "train");
        Files.delete(dir.resolve("train-images-idx3-ubyte"));
        IdxWriter.write(d.slice(0, 7), dir, "tmp");
        Files.move(dir.resolve("tmp-labels-idx1-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        e = assertThrows(FrontierException.class, () -> DatasetLoader.load(dir.toString()));
        assertTrue(e.getMessage().contains("20 images") && e.getMessage().contains("7 labels"), e.getMessage());
    }

    @Test
    void cifarBinaryRecordsAreRead() throws Exception {
        Path c = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        byte[] rec = new byte[3 * CifarReader.RECORD];
        for (int r = 0; r < 3; r++) {
            rec[r * CifarReader.RECORD] = (byte) (r + 4);
            rec[r * CifarReader.RECORD + 1] = (byte) 255;
        }
        Files.write(c.resolve("data_batch_1.bin"), rec);
        Files.write(c.resolve("test_batch.bin"), Arrays.copyOf(rec, CifarReader.RECORD));
        TrainTest tt = DatasetLoader.load(dir.toString());
        assertEquals(ImageShape.CIFAR, tt.train().shape());
        assertArrayEquals(new int[] {4, 5, 6}, tt.train().labels());
        assertEquals(1f, tt.train().images().data()[0]);
        Files.write(c.resolve("test_batch.bin"), Arrays.copyOf(rec, 100));
        FrontierException e = assertThrows(FrontierException.class, () -> DatasetLoader.load(dir.toString()));
        assertTrue(e.getMessage().contains("test_batch.bin"), e.getMessage());
    }

    @Test
    void unknownDataIsRefused() {
        FrontierException e = assertThrows(FrontierException.class, () -> DatasetLoader.load("/no/such/dir"));
        assertTrue(e.getMessage().contains("/no/such/dir"));
    }

    @Test
    void shufflingIsSeededAndBatchesCoverEverything() {
        Dataset d = tiny(25);
        assertArrayEquals(d.shuffled(3).labels(), d.shuffled(3).labels());
        assertFalse(Arrays.equals(d.shuffled(3).labels(), d.shuffled(4).labels()));
        Batches b = new Batches(d, 10, new java.util.Random(1));
        assertEquals(3, b.count());
        int total = 0, sum = 0;
        for (Dataset part : b) {
            total += part.size();
            sum += Arrays.stream(part.labels()).sum();
        }
        assertEquals(25, total);
        assertEquals(Arrays.stream(d.labels()).sum(), sum);
        TrainTest split = new TrainTest(d, d).ownerAndAttacker(1 / 3.0);
        assertEquals(17, split.train().size());
        assertEquals(8, split.test().size());
    }
}
