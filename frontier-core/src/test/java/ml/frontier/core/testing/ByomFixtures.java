package ml.frontier.core.testing;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.io.Npy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The models that no Frontier code wrote: made by PyTorch with {@code tools/make-byom-fixtures.py}
 * and kept as test resources (see {@code byom/README.md} beside them).
 */
public final class ByomFixtures {

    private static final String DIR = "/ml/frontier/core/byom/";

    private ByomFixtures() {}

    /** Copies fixture {@code name} into {@code dir} (resources may sit in a jar) and returns its path. */
    public static Path copy(String name, Path dir) {
        Path out = dir.resolve(name);
        try (InputStream in = ByomFixtures.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name + ": run tools/make-byom-fixtures.py");
            }
            Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture's bytes. */
    public static byte[] bytes(String name) {
        try (InputStream in = ByomFixtures.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name + ": run tools/make-byom-fixtures.py");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An {@code .npy} fixture. */
    public static Npy.Array npy(String name) {
        try {
            return Npy.read(bytes(name), name);
        } catch (FrontierException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 16 test digits whose logits PyTorch recorded ({@code cnn-images.npy}). */
    public static ImageBatch cnnImages() {
        Npy.Array a = npy("cnn-images.npy");
        return ImageBatch.of(a.floats(), (int) a.shape()[0], ImageShape.MNIST);
    }
}
