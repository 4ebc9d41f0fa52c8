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
                "--budget", "12", "--json");
        assertEquals(0, intact.exitCode(), intact.toString());
        assertTrue(intact.out().contains("\"verdict\" : \"intact\"") && intact.out().contains("\"queries\" : 12")
                && intact.out().contains("\"modelSha256Matches\" : true")
                && intact.out().contains("\"unrevealedAfter\" : 8"), intact.out());
        CliRun rest = CliRun.of("tamper", "check", "--markers", markers.toString(), "--model", model.toString(),
                "--budget", "20");
        assertEquals(0, rest.exitCode(), rest.toString());
        assertTrue(rest.out().contains("INTACT: 8 markers queried") && rest.out().contains("(secure random)")
                && rest.out().contains("SHA-256 matches"), rest.out());
        CliRun spent = CliRun.of("tamper", "check", "--markers", markers.toString(), "--model", model.toString());
        assertEquals(2, spent.exitCode(), spent.toString());
        assertTrue(spent.err().contains("revealed by earlier checks"), spent.err());

        CliRun caught = CliRun.of("tamper", "check", "--markers", markers.toString(), "--model", tampered.toString(),
                "--budget", "20", "--no-ledger", "--seed", "4");
        assertEquals(1, caught.exitCode(), caught.toString());
        assertTrue(caught.out().contains("TAMPERED") && caught.out().contains("seed 4 (given)")
                && caught.out().contains("WARNING: the model file's SHA-256 differs"), caught.out());

        CliRun missing = CliRun.of("tamper", "check", "--markers", dir.resolve("none").toString(), "--model", model.toString());
        assertEquals(2, missing.exitCode(), missing.toString());
        Path damaged = dir.resolve("damaged.markers");
        byte[] bytes = Files.readAllBytes(markers);
        Files.write(damaged, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CliRun broken = CliRun.of("tamper", "check", "--markers", damaged.toString(), "--model", model.toString());
        assertEquals(2, broken.exitCode(), broken.toString());
        assertEquals(1, broken.err().strip().lines().count(), broken.err());
        Path small = dir.resolve("small.markers");
        ml.frontier.tamper.MarkerFile.write(ml.frontier.tamper.MarkerSet.of(ml.frontier.core.image.ImageBatch.zeros(3,
                new ml.frontier.core.image.ImageShape(1, 8, 8)), new int[3], "random", java.util.Map.of(), 1), small);
        CliRun shape = CliRun.of("tamper", "check", "--markers", small.toString(), "--model", model.toString());
        assertEquals(2, shape.exitCode(), shape.toString());
        assertTrue(shape.err().contains("1x8x8") || shape.err().toLowerCase().contains("shape"), shape.err());
        CliRun unknown = CliRun.of("tamper", "markers", "--model", model.toString(), "--strategy", "nope",
                "--out", dir.resolve("x").toString());
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("unknown marker strategy"), unknown.err());
    }
}
