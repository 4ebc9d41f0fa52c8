package ml.frontier.cli.watermark;

import ml.frontier.cli.CliRun;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatermarkCommandsTest {

    @TempDir
    Path dir;

    /** A small MLP trained with {@code seed}, saved as {@code name}. */
    private Path saved(long seed, String name) throws Exception {
        Path f = dir.resolve(name);
        try (NetworkModel m = TestModels.mlp(seed)) {
            ModelFile.save(m, f);
        }
        return f;
    }

    @Test
    void thresholdPrintsThetaAndExactRate() {
        CliRun r = CliRun.of("watermark", "threshold", "--key-size", "100", "--p", "0.05");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("theta = 42") && r.out().contains("0.0443"), r.out());
    }

    @Test
    void embedThenVerifyWithExitCodes() throws Exception {
        Path model = saved(2, "mlp.model");
        Path other = saved(9, "other.model");
        Path marked = dir.resolve("marked.model");
        Path key = dir.resolve("owner.key");
        CliRun embed = CliRun.of("watermark", "embed", "--model", model.toString(), "--key-size", "20", "--eps", "0.1",
                "--out", marked.toString(), "--key", key.toString(), "--seed", "4");
        assertEquals(0, embed.exitCode(), embed.toString());
        assertTrue(Files.exists(marked) && Files.exists(key));

        CliRun ok = CliRun.of("watermark", "verify", "--key", key.toString(), "--model", marked.toString(), "--json");
        assertEquals(0, ok.exitCode(), ok.toString());
        assertTrue(ok.out().contains("\"watermarked\" : true") && ok.out().contains("\"queries\" : 20")
                && ok.out().contains("\"rule\" : \"binomial\"") && ok.out().contains("\"anchors\" : 10"), ok.out());

        // a model trained with another seed, never marked
        CliRun no = CliRun.of("watermark", "verify", "--key", key.toString(), "--model", other.toString());
        assertEquals(1, no.exitCode(), no.toString());
        assertTrue(no.out().contains("not watermarked") && no.out().contains("guarantee:"), no.out());

        CliRun badRule = CliRun.of("watermark", "verify", "--key", key.toString(), "--model", other.toString(),
                "--rule", "magic");
        assertEquals(2, badRule.exitCode(), badRule.toString());

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

    @Test
    void paperKeysNeedReferencesOrAnExplicitPaperRule() throws Exception {
        Path model = saved(2, "mlp.model");
        Path other = saved(9, "other.model");
        Path marked = dir.resolve("marked.model");
        Path key = dir.resolve("paper.key");
        CliRun embed = CliRun.of("watermark", "embed", "--model", model.toString(), "--scheme", "paper", "--key-size", "20",
                "--out", marked.toString(), "--key", key.toString(), "--json");
        assertEquals(0, embed.exitCode(), embed.toString());
        assertTrue(embed.out().contains("\"scheme\" : \"paper\""), embed.out());

        CliRun noDefault = CliRun.of("watermark", "verify", "--key", key.toString(), "--model", other.toString());
        assertEquals(2, noDefault.exitCode(), noDefault.toString());
        assertTrue(noDefault.err().contains("--rule paper"), noDefault.err());

        CliRun paper = CliRun.of("watermark", "verify", "--key", key.toString(), "--model", other.toString(), "--rule", "paper");
        assertTrue(paper.out().contains("NOT VALIDATED"), paper.toString());

        Path refs = dir.resolve("paper.refs");
        CliRun make = CliRun.of("watermark", "references", "--key", key.toString(), "--like", model.toString(),
                "--count", "3", "--epochs", "1", "--out", refs.toString());
        assertEquals(0, make.exitCode(), make.toString());
        assertTrue(make.out().contains("3 references") && make.out().contains("smallest attainable p = 0.2500"), make.out());
        CliRun conf = CliRun.of("watermark", "verify", "--key", key.toString(), "--model", marked.toString(),
                "--references", refs.toString(), "--p", "0.25", "--json");
        assertEquals(0, conf.exitCode(), conf.toString());
        assertTrue(conf.out().contains("\"rule\" : \"conformal\"") && conf.out().contains("\"pValue\" : 0.25"), conf.out());
    }
}
