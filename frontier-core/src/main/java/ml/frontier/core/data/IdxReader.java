package ml.frontier.core.data;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST, raw or gzipped: {@code idx3-ubyte} images
 * (magic 0x00000803) and {@code idx1-ubyte} labels (magic 0x00000801).
 */
public final class IdxReader {

    private IdxReader() {}

    /** Reads images; bytes become floats in [0,1]. {@code name} appears in error messages. */
    public static ImageBatch readImages(byte[] file, String name) throws FrontierException {
        ByteBuffer b = ByteBuffer.wrap(maybeGunzip(file, name));
        need(b, 16, name, "header");
        int magic = b.getInt();
        if (magic != 0x803) {
            throw new FrontierException(name + ": wrong magic number 0x" + Integer.toHexString(magic)
                    + " for IDX images (expected 0x803)");
        }
        int n = b.getInt(), rows = b.getInt(), cols = b.getInt();
        if (n < 0 || rows <= 0 || cols <= 0) {
            throw new FrontierException(name + ": bad IDX dimensions " + n + "x" + rows + "x" + cols);
        }
        long size = (long) n * rows * cols;
        need(b, size, name, n + " images of " + rows + "x" + cols);
        float[] data = new float[(int) size];
        for (int i = 0; i < data.length; i++) {
            data[i] = (b.get() & 0xff) / 255f;
        }
        return new ImageBatch(data, n, 1, rows, cols);
    }

    /** Reads labels. */
    public static int[] readLabels(byte[] file, String name) throws FrontierException {
        ByteBuffer b = ByteBuffer.wrap(maybeGunzip(file, name));
        need(b, 8, name, "header");
        int magic = b.getInt();
        if (magic != 0x801) {
            throw new FrontierException(name + ": wrong magic number 0x" + Integer.toHexString(magic)
                    + " for IDX labels (expected 0x801)");
        }
        int n = b.getInt();
        if (n < 0) {
            throw new FrontierException(name + ": bad IDX label count " + n);
        }
        need(b, n, name, n + " labels");
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = b.get() & 0xff;
        }
        return labels;
    }

    private static void need(ByteBuffer b, long bytes, String name, String what) throws FrontierException {
        if (b.remaining() < bytes) {
            throw new FrontierException(name + ": truncated file (" + what + " need " + bytes
                    + " bytes, " + b.remaining() + " left)");
        }
    }

    static byte[] maybeGunzip(byte[] file, String name) throws FrontierException {
        if (file.length >= 2 && (file[0] & 0xff) == 0x1f && (file[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(file))) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new FrontierException(name + ": truncated or damaged gzip (" + e.getMessage() + ")");
            }
        }
        return file;
    }
}
