package ml.frontier.core.io;

import ml.frontier.core.FrontierException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ArrayBundleTest {

    @TempDir
    Path dir;

    @Test
    void npyRoundTripAndHeaderIsNumpyCompatible() throws Exception {
        float[] f = {1.5f, -2f, 3f, 0f, 7f, 8f};
        byte[] b = Npy.writeFloats(f, 2, 3);
        assertEquals(0, (b.length - 6) % 2);
        String header = new String(b, 10, b[8] & 0xff, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), header);
        assertEquals(0, (10 + (b[8] & 0xff)) % 64, "data starts 64-byte aligned");
        Npy.Array a = Npy.read(b, "x");
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertArrayEquals(f, a.floats());
        Npy.Array i = Npy.read(Npy.writeInts(new int[] {4, 5}, 2), "y");
        assertArrayEquals(new int[] {4, 5}, i.ints());
        assertArrayEquals(new long[] {2}, i.shape());
        assertThrows(FrontierException.class, () -> Npy.read(java.util.Arrays.copyOf(b, b.length - 4), "x"));
    }

    @Test
    void bundleRoundTripAndDamageDetection() throws Exception {
        Path file = dir.resolve("k.zip");
        ArrayBundle out = ArrayBundle.create("test-kind", 1);
        out.manifest().put("eps", 0.1);
        out.putFloats("images", new float[] {0.1f, 0.2f}, 2).putInts("labels", new int[] {3}, 1).write(file);
        ArrayBundle in = ArrayBundle.read(file, "test-kind");
        assertEquals(0.1, in.manifest().get("eps").asDouble());
        assertArrayEquals(new int[] {3}, in.array("labels").ints());
        FrontierException wrongKind = assertThrows(FrontierException.class, () -> ArrayBundle.read(file, "other"));
        assertTrue(wrongKind.getMessage().contains("test-kind"));

        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThrows(FrontierException.class, () -> ArrayBundle.read(file, "test-kind"));
        Files.writeString(file, "not a zip");
        assertThrows(FrontierException.class, () -> ArrayBundle.read(file, "test-kind"));
        assertThrows(FrontierException.class, () -> ArrayBundle.read(dir.resolve("missing"), "test-kind"));
    }

    @Test
    void atomicWriteLeavesNoTemporaryFiles() throws Exception {
        Path f = dir.resolve("a/b/c.txt");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertEquals("two", Files.readString(f));
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count());
        }
        assertThrows(java.io.IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(1);
            throw new java.io.IOException("disk full");
        }));
        assertEquals("two", Files.readString(f), "a failed write keeps the old content");
    }
}
