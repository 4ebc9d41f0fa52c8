package ml.frontier.cli.tamper;

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

class TamperCommandsTest {

    @TempDir
    Path dir;

    @Test
    void markersThenCheckWithExitCodes() throws Exception {
        Path model = dir.resolve("mlp.model");
        Path tampered = dir.resolve("tampered.model");
        try (NetworkModel m = TestModels.mlp(5)) {
            ModelFile.save(m, model);
            try (NetworkModel t = m.copy()) {
                String bias = null;
                for (String n : t.parameterNames()) {
                    if (t.isLastLayer(n) && t.shape(n).length == 1) {
                        bias = n;
                    }
                }
                float[] b = t.values(bias);
                for (int c = 0; c < b.length; c += 2) {
                    b[c] += 0.5f;
                }
                t.setValues(bias, b);
                ModelFile.save(t.rehash(), tampered);
            }
        }
        Path markers = dir.resolve("mlp.markers");
        CliRun make = CliRun.of("tamper", "markers", "--model", model.toString(), "--strategy", "boundary",
                "--count", "20", "--out", markers.toString(), "--seed", "3");
        assertEquals(0, make.exitCode(), make.toString());
        assertTrue(Files.exists(markers) && make.out().contains("20 boundary markers"), make.out());

        CliRun intact = CliRun.of("tamper", "check", "--markers", markers.toString(), "--model", model.toString(),
                "--budget", "20", "--json");
        assertEquals(0, intact.exitCode(), intact.toString());
        assertTrue(intact.out().contains("\"verdict\" : \"intact\"") && intact.out().contains("\"queries\" : 20")
                && intact.out().contains("\"modelSha256Matches\" : true"), intact.out());

        CliRun caught = CliRun.of("tamper", "check", "--markers", markers.toString(), "--model", tampered.toString(),
                "--budget", "20");
        assertEquals(1, caught.exitCode(), caught.toString());
        assertTrue(caught.out().contains("TAMPERED"), caught.out());

        CliRun missing = CliRun.of("tamper", "check", "--markers", dir.resolve("none").toString(), "--model", model.toString());
        assertEquals(2, missing.exitCode(), missing.toString());
        CliRun unknown = CliRun.of("tamper", "markers", "--model", model.toString(), "--strategy", "nope",
                "--out", dir.resolve("x").toString());
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("unknown marker strategy"), unknown.err());
    }
}
