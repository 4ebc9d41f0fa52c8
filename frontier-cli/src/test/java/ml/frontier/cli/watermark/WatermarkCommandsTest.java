package ml.frontier.cli.watermark;

import ml.frontier.cli.CliRun;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatermarkCommandsTest {

    @TempDir
    Path dir;

    @Test
    void thresholdPrintsThetaAndExactRate() {
        CliRun r = CliRun.of("watermark", "threshold", "--key-size", "100", "--p", "0.05");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("theta = 42") && r.out().contains("0.0443"), r.out());
    }

    @Test
    void embedThenVerifyWithExitCodes() throws Exception {
        Path model = dir.resolve("mlp.model");
        Path untrained = dir.resolve("untrained.model");
        try (NetworkModel m = TestModels.mlp(2); NetworkModel u = TestModels.untrained("mlp", Map.of("hidden", "64"), 9)) {
            ModelFile.save(m, model);
            ModelFile.save(u, untrained);
        }
        Path marked = dir.resolve("marked.model");
        Path key = dir.resolve("owner.key");
        CliRun embed = CliRun.of("watermark", "embed", "--model", model.toString(), "--key-size", "20", "--eps", "0.1",
                "--out", marked.toString(), "--key", key.toString(), "--seed", "4");
        assertEquals(0, embed.exitCode(), embed.toString());
        assertTrue(Files.exists(marked) && Files.exists(key));

        CliRun ok = CliRun.of("watermark", "verify", "--key", key.toString(), "--model", marked.toString(), "--json");
        assertEquals(0, ok.exitCode(), ok.toString());
        assertTrue(ok.out().contains("\"watermarked\" : true") && ok.out().contains("\"queries\" : 20"), ok.out());

        CliRun no = CliRun.of("watermark", "verify", "--key", key.toString(), "--model", untrained.toString());
        assertEquals(1, no.exitCode(), no.toString());
        assertTrue(no.out().contains("not watermarked"), no.out());

        byte[] b = Files.readAllBytes(key);
        for (int i = b.length / 2; i < b.length / 2 + 32; i++) {
            b[i] ^= 0x33;
        }
        Path damaged = dir.resolve("damaged.key");
        Files.write(damaged, b);
        CliRun bad = CliRun.of("watermark", "verify", "--key", damaged.toString(), "--model", marked.toString());
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("damaged"), bad.err());

        CliRun missing = CliRun.of("watermark", "verify", "--key", dir.resolve("none.key").toString(), "--model", marked.toString());
        assertEquals(2, missing.exitCode(), missing.toString());
    }
}
