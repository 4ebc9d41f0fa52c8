package ml.frontier.core.data;

import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes a single-channel dataset as gzipped IDX files (shards, test fixtures). */
public final class IdxWriter {

    private IdxWriter() {}

    /** Writes {@code PREFIX-images-idx3-ubyte.gz} and {@code PREFIX-labels-idx1-ubyte.gz} in {@code dir}. */
    public static void write(Dataset data, Path dir, String prefix) throws IOException {
        ImageBatch im = data.images();
        if (im.channels() != 1) {
            throw new IllegalArgumentException("IDX holds single-channel images; " + data.name() + " has " + im.channels());
        }
        ByteBuffer head = ByteBuffer.allocate(16).putInt(0x803).putInt(im.n()).putInt(im.height()).putInt(im.width());
        byte[] pixels = new byte[im.data().length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) Math.max(0, Math.min(255, Math.round(im.data()[i] * 255f)));
        }
        AtomicFiles.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), out -> {
            GZIPOutputStream gz = new GZIPOutputStream(out);
            gz.write(head.array());
            gz.write(pixels);
            gz.finish();
        });
        byte[] labels = new byte[data.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) data.labels()[i];
        }
        AtomicFiles.write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), out -> {
            GZIPOutputStream gz = new GZIPOutputStream(out);
            gz.write(ByteBuffer.allocate(8).putInt(0x801).putInt(labels.length).array());
            gz.write(labels);
            gz.finish();
        });
    }
}
