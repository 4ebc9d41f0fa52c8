package ml.frontier.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class FoundationCommandsTest {

    @TempDir
    Path dir;

    @Test
    void trainEvalInfoExport() throws Exception {
        Path model = dir.resolve("mlp.model");
        CliRun train = CliRun.of("train", "--model", "mlp", "--arch-opt", "hidden=64", "--epochs", "1",
                "--train-size", "3000", "--seed", "3", "--out", model.toString());
        assertEquals(0, train.exitCode(), train.toString());
        assertTrue(train.out().contains("test accuracy"), train.out());
        assertTrue(Files.exists(model));

        CliRun eval = CliRun.of("eval", "--model", model.toString(), "--limit", "500");
        assertEquals(0, eval.exitCode(), eval.toString());
        assertTrue(eval.out().contains("500 queries"), eval.out());

        CliRun info = CliRun.of("info", model.toString());
        assertEquals(0, info.exitCode(), info.toString());
        assertTrue(info.out().contains("\"architecture\" : \"mlp\"") && info.out().contains("parametersSha256"), info.out());

        Path onnx = dir.resolve("mlp.onnx");
        CliRun export = CliRun.of("export", "--model", model.toString(), "--onnx", onnx.toString());
        assertEquals(0, export.exitCode(), export.toString());
        CliRun evalOnnx = CliRun.of("eval", "--onnx", onnx.toString(), "--limit", "500");
        assertEquals(0, evalOnnx.exitCode(), evalOnnx.toString());
        String accFile = eval.out().replaceAll("(?s).*accuracy ([0-9.]+).*", "$1");
        String accOnnx = evalOnnx.out().replaceAll("(?s).*accuracy ([0-9.]+).*", "$1");
        assertEquals(accFile, accOnnx, "the ONNX export scores exactly like the model file");
    }

    @Test
    void damagedFilesAndBadFlagsExitWithTwoAndOneLine() throws Exception {
        Path bad = dir.resolve("bad.model");
        Files.writeString(bad, "FRNTMODL garbage");
        CliRun r = CliRun.of("eval", "--model", bad.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("frontier: "), r.err());

        Path dataDir = Files.createDirectories(dir.resolve("data"));
        Files.write(dataDir.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0, 0, 5});
        Files.write(dataDir.resolve("train-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 5});
        r = CliRun.of("train", "--model", "mlp", "--data", dataDir.toString(), "--out", dir.resolve("x.model").toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("train-images-idx3-ubyte"), r.err());
        assertFalse(Files.exists(dir.resolve("x.model")));

        assertEquals(2, CliRun.of("train", "--model", "vgg", "--out", "x").exitCode());
        assertEquals(2, CliRun.of("train", "--bogus").exitCode());
        assertEquals(2, CliRun.of("info", dir.resolve("none").toString()).exitCode());
        assertEquals(0, CliRun.of("--help").exitCode());
        assertEquals(0, CliRun.of("info", "--zoo").exitCode());
    }
}
