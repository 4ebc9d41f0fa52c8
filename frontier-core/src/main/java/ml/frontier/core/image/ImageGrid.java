package ml.frontier.core.image;

import ml.frontier.core.io.AtomicFiles;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Renders images as a PNG grid: GAN samples, watermark keys, tamper markers. */
public final class ImageGrid {

    private ImageGrid() {}

    /** A grid of {@code columns} images per row, each scaled by {@code scale}. */
    public static BufferedImage render(ImageBatch images, int columns, int scale) {
        int cols = Math.max(1, Math.min(columns, Math.max(images.n(), 1)));
        int rows = Math.max(1, (images.n() + cols - 1) / cols);
        int h = images.height(), w = images.width(), pad = 1;
        int cellW = w * scale + pad, cellH = h * scale + pad;
        BufferedImage out = new BufferedImage(cols * cellW + pad, rows * cellH + pad, BufferedImage.TYPE_INT_RGB);
        int s = images.imageSize(), plane = h * w;
        for (int i = 0; i < images.n(); i++) {
            int ox = pad + (i % cols) * cellW, oy = pad + (i / cols) * cellH;
            for (int y = 0; y < h * scale; y++) {
                for (int x = 0; x < w * scale; x++) {
                    int p = (y / scale) * w + (x / scale);
                    int r, g, b;
                    if (images.channels() >= 3) {
                        r = byteOf(images.data()[i * s + p]);
                        g = byteOf(images.data()[i * s + plane + p]);
                        b = byteOf(images.data()[i * s + 2 * plane + p]);
                    } else {
                        r = g = b = byteOf(images.data()[i * s + p]);
                    }
                    out.setRGB(ox + x, oy + y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return out;
    }

    /** Writes the grid as a PNG, atomically. */
    public static void writePng(ImageBatch images, int columns, int scale, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(render(images, columns, scale), "png", bytes);
        AtomicFiles.write(file, bytes.toByteArray());
    }

    private static int byteOf(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }

    /** For callers that cannot throw checked exceptions. */
    public static void writePngUnchecked(ImageBatch images, int columns, int scale, Path file) {
        try {
            writePng(images, columns, scale, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
