package ml.frontier.cli;

import ml.frontier.core.classifier.OnnxClassifier;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.testing.ByomFixtures;
import ml.frontier.serve.OipServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands on models that PyTorch made: TorchScript and ONNX files, no shape flags. */
class ByomCommandsTest {

    @TempDir
    Path dir;

    @Test
    void torchScriptCnnGetsMarkersChecksIntactAndItsQuantizedCopyIsCaught() throws Exception {
        Path cnn = ByomFixtures.copy("cnn.pt", dir);
        Path markers = dir.resolve("cnn.markers");
        CliRun make = CliRun.of("tamper", "markers", "--no-fresh-processes", "--model", cnn.toString(), "--strategy", "boundary", "--count", "20",
                "--out", markers.toString(), "--seed", "4");
        assertEquals(0, make.exitCode(), make.toString());
        CliRun intact = CliRun.of("tamper", "check", "--no-ledger", "--markers", markers.toString(), "--model", cnn.toString(), "--budget", "20");
        assertEquals(0, intact.exitCode(), intact.toString());
        assertFalse(intact.out().contains("SHA-256 differs"), intact.out());

        Path quantized = dir.resolve("cnn-4bit.pt");
        CliRun q = CliRun.of("attack", "quantize", "--bits", "4", "--model", cnn.toString(), "--out", quantized.toString(),
                "--data", "mnist");
        assertEquals(0, q.exitCode(), q.toString());
        assertArrayEquals(new byte[] {'P', 'K'}, Arrays.copyOf(Files.readAllBytes(quantized), 2), "plain TorchScript");
        assertTrue(Files.readString(dir.resolve("cnn-4bit.pt.frontier.json")).contains("attack:quantize"));
        CliRun caught = CliRun.of("tamper", "check", "--no-ledger", "--markers", markers.toString(), "--model", quantized.toString(),
                "--budget", "20");
        assertEquals(1, caught.exitCode(), caught.toString());
    }

    @Test
    void onnxModelWith100ClassesIsAuditedWithNoShapeFlags() throws Exception {
        Path c100 = ByomFixtures.copy("c100.onnx", dir);
        Path data = cifarLike(dir.resolve("cifar"));
        CliRun eval = CliRun.of("eval", "--model", c100.toString(), "--data", data.toString());
        assertEquals(0, eval.exitCode(), eval.toString());
        // label-only markers through ONNX Runtime, white-box ones through the graph's import: both checked by ONNX Runtime
        for (String strategy : new String[] {"random", "boundary"}) {
            Path markers = dir.resolve("c100-" + strategy + ".markers");
            CliRun make = CliRun.of("tamper", "markers", "--no-fresh-processes", "--model", c100.toString(), "--strategy", strategy, "--count", "10",
                    "--data", data.toString(), "--out", markers.toString());
            assertEquals(0, make.exitCode(), make.toString());
            CliRun check = CliRun.of("tamper", "check", "--no-ledger", "--markers", markers.toString(), "--model", c100.toString(),
                    "--budget", "10");
            assertEquals(0, check.exitCode(), strategy + ": " + check);
        }
    }

    @Test
    void normalisedNhwcModelIsCheckedWithTheRecordedTransformLocallyAndRemotely() throws Exception {
        Path onnx = ByomFixtures.copy("cnn-nhwc-norm.onnx", dir);
        Path markers = dir.resolve("nhwc.markers");
        CliRun make = CliRun.of("tamper", "markers", "--no-fresh-processes", "--model", onnx.toString(), "--mean", "0.1307", "--std", "0.3081",
                "--layout", "NHWC", "--strategy", "bisection", "--count", "10", "--out", markers.toString());
        assertEquals(0, make.exitCode(), make.toString());
        CliRun local = CliRun.of("tamper", "check", "--no-ledger", "--markers", markers.toString(), "--model", onnx.toString(), "--budget", "10");
        assertEquals(0, local.exitCode(), "the marker file's transform is applied: " + local);
        CliRun conflicting = CliRun.of("tamper", "check", "--no-ledger", "--markers", markers.toString(), "--model", onnx.toString(),
                "--layout", "NCHW", "--mean", "0.5", "--budget", "10");
        assertEquals(2, conflicting.exitCode(), conflicting.toString());
        // the same graph served as a raw tensor model: [N,28,28,1] normalised input on the wire
        try (OnnxClassifier raw = OnnxClassifier.load(onnx, new ImageShape(28, 28, 1), 10);
             OipServer server = OipServer.builder().addModel("nhwc", raw).optPort(0).build().start()) {
            String url = "http://127.0.0.1:" + server.port() + "/v2/models/nhwc";
            CliRun remote = CliRun.of("tamper", "check", "--no-ledger", "--markers", markers.toString(), "--remote", url, "--budget", "10");
            assertEquals(0, remote.exitCode(), remote.toString());
        }
    }

    @Test
    void badModelFilesExitTwoWithOneLineNamingTheFile() throws Exception {
        Path cutPt = dir.resolve("cut.pt");
        Files.write(cutPt, Arrays.copyOf(ByomFixtures.bytes("cnn.pt"), 9000));
        Path cutOnnx = dir.resolve("cut.onnx");
        Files.write(cutOnnx, Arrays.copyOf(ByomFixtures.bytes("cnn.onnx"), 3000));
        for (Path bad : new Path[] {cutPt, cutOnnx, ByomFixtures.copy("unsupported-op.onnx", dir),
                ByomFixtures.copy("two-inputs.onnx", dir)}) {
            for (String flag : new String[] {"--model", "--onnx"}) {
                CliRun r = CliRun.of("eval", flag, bad.toString());
                assertEquals(2, r.exitCode(), r.toString());
                assertEquals(1, r.err().strip().lines().count(), r.err());
                assertTrue(r.err().startsWith("frontier: " + bad), r.err());
            }
        }
    }

    /** A CIFAR-10 binary directory of random images: 20 to train, 20 to test. */
    private static Path cifarLike(Path dir) throws Exception {
        Files.createDirectories(dir);
        Random rng = new Random(5);
        for (String name : new String[] {"data_batch_1.bin", "test_batch.bin"}) {
            byte[] b = new byte[20 * 3073];
            rng.nextBytes(b);
            for (int i = 0; i < 20; i++) {
                b[i * 3073] = (byte) (i % 10);
            }
            Files.write(dir.resolve(name), b);
        }
        return dir;
    }
}
