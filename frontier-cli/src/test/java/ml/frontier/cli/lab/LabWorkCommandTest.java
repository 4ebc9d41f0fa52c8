package ml.frontier.cli.lab;

import ml.frontier.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code frontier lab work} (bench/work/run.sh's Java side) writes one timed row in bench/train's CSV style. */
class LabWorkCommandTest {

    @TempDir
    Path dir;

    @Test
    void mdganWritesOneTimedRow() throws Exception {
        CliRun r = CliRun.of("lab", "work", "--task", "mdgan", "--iterations", "2", "--warmup-iterations", "1",
                "--repeat", "3", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = Files.readAllLines(dir.resolve("runs.csv"));
        assertEquals(LabWorkCommand.HEADER, lines.get(0));
        String[] f = lines.get(1).split(",");
        assertEquals(LabWorkCommand.HEADER.split(",").length, f.length, lines.get(1));
        assertEquals(List.of("djl", "mdgan", "mnist-mlp-gan", "N3-b32-k1-L1", "3"), List.of(f).subList(0, 5));
        assertTrue(Double.parseDouble(f[5]) > 0, lines.get(1));
        assertEquals("2", f[7]);
    }

    @Test
    void aModelTaskWithoutAModelIsAUsageError() {
        CliRun r = CliRun.of("lab", "work", "--task", "keygen", "--out", dir.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--model"), r.err());
    }
}
