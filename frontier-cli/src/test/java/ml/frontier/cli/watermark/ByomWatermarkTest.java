package ml.frontier.cli.watermark;

import ml.frontier.cli.CliRun;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.image.Preprocessing;
import ml.frontier.core.load.Models;
import ml.frontier.core.model.ModelOptions;
import ml.frontier.core.testing.ByomFixtures;
import ml.frontier.watermark.KeyFile;
import ml.frontier.watermark.Verifier;
import ml.frontier.watermark.WatermarkKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Watermarking models that PyTorch made (TorchScript with batch-norm, ONNX), as a user would. */
class ByomWatermarkTest {

    @TempDir
    Path dir;

    @Test
    void torchScriptCnnIsMarkedSavedBackAndClaimedWhileTheOriginalAndAPyTorchOnnxModelAreNot() throws Exception {
        Path cnn = ByomFixtures.copy("cnn.pt", dir);
        Path marked = dir.resolve("marked.pt");
        Path key = dir.resolve("owner.key");
        CliRun embed = CliRun.of("watermark", "embed", "--model", cnn.toString(), "--key-size", "40", "--train-size", "2000", "--out",
                marked.toString(), "--key", key.toString(), "--json");
        assertEquals(0, embed.exitCode(), embed.toString());
        assertTrue(embed.out().contains("\"keyAccuracyAfter\" : 1.0"), embed.out());
        assertArrayEquals(new byte[] {'P', 'K'}, Arrays.copyOf(Files.readAllBytes(marked), 2), "plain TorchScript");
        assertTrue(Files.readString(dir.resolve("marked.pt.frontier.json")).contains("watermark:embed"));

        CliRun claimed = CliRun.of("watermark", "verify", "--key", key.toString(), "--model", marked.toString(), "--json");
        assertEquals(0, claimed.exitCode(), claimed.toString());
        assertTrue(claimed.out().contains("\"mismatches\" : 0"), claimed.out());

        CliRun original = CliRun.of("watermark", "verify", "--key", key.toString(), "--model", cnn.toString());
        assertEquals(1, original.exitCode(), original.toString());
        // someone else's model: made by PyTorch, exported to ONNX, never seen by Frontier
        CliRun onnx = CliRun.of("watermark", "verify", "--key", key.toString(), "--model",
                ByomFixtures.copy("mlp.onnx", dir).toString());
        assertEquals(1, onnx.exitCode(), onnx.toString());
    }

    @Test
    void keyRecordsTheInputTransformAndVerificationAppliesIt() throws Exception {
        Path pt = ByomFixtures.copy("cnn-nhwc-norm.pt", dir);
        Path marked = dir.resolve("marked.pt");
        Path key = dir.resolve("owner.key");
        CliRun embed = CliRun.of("watermark", "embed", "--model", pt.toString(), "--mean", "0.1307", "--std", "0.3081",
                "--layout", "NHWC", "--key-size", "40", "--train-size", "2000", "--out", marked.toString(), "--key", key.toString());
        assertEquals(0, embed.exitCode(), embed.toString());
        WatermarkKey k = KeyFile.read(key);
        assertFalse(k.provenance().preprocessing().isIdentity());

        // no transform on the command line: the key's is applied
        CliRun claimed = CliRun.of("watermark", "verify", "--key", key.toString(), "--model", marked.toString(), "--json");
        assertEquals(0, claimed.exitCode(), claimed.toString());
        assertTrue(claimed.out().contains("\"mismatches\" : 0"), claimed.out());

        // the deployed file alone, without Frontier's sidecar, does not know the transform: the key does
        Files.delete(dir.resolve("marked.pt.frontier.json"));
        CliRun bare = CliRun.of("watermark", "verify", "--key", key.toString(), "--model", marked.toString(), "--json");
        assertEquals(0, bare.exitCode(), bare.toString());
        assertTrue(bare.out().contains("\"mismatches\" : 0"), bare.out());
        // and without the normalisation the same model sees other inputs: its count of mismatches means nothing
        try (Classifier raw = Models.openClassifier(marked,
                new ModelOptions(null, null, Preprocessing.parse(null, null, "NHWC")))) {
            int m = Verifier.mismatches(k, Verifier.query(raw, k).answers());
            assertTrue(m > 10, "m without the transform = " + m);
        }
        CliRun conflicting = CliRun.of("watermark", "verify", "--key", key.toString(), "--model", marked.toString(),
                "--mean", "0.5");
        assertEquals(2, conflicting.exitCode(), conflicting.toString());
    }
}
