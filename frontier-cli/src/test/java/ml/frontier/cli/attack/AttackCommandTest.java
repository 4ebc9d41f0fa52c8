package ml.frontier.cli.attack;

import com.fasterxml.jackson.databind.ObjectMapper;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.testing.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttackCommandTest {

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void trainModel() throws Exception {
        model = dir.resolve("m.model");
        try (NetworkModel m = TestModels.mlp(1)) {
            ModelFile.save(m, model);
        }
    }

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        // through the root command, which owns the inherited --seed
        ml.frontier.cli.CliRun r = ml.frontier.cli.CliRun.of(args);
        return new Run(r.exitCode(), r.out(), r.err());
    }

    @Test
    void pruneWritesAPrunedModelWithItsHistory() throws Exception {
        Path out = dir.resolve("pruned.model");
        Run r = run("attack", "prune", "--model", model.toString(), "--rate", "0.5", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("accuracy before"), r.out());
        assertTrue(r.out().contains("sparsity: 0.5000"), r.out());
        try (NetworkModel m = ModelFile.load(out)) {
            List<Map<String, Object>> h = m.metadata().history();
            assertEquals("attack:prune", h.get(h.size() - 1).get("op"));
        }
    }

    @Test
    void quantizeAndPerturbPrintJsonReports() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Run q = run("attack", "quantize", "--model", model.toString(), "--bits", "4", "--per-channel", "--json",
                "--out", dir.resolve("q.model").toString());
        assertEquals(0, q.code(), q.err());
        Map<?, ?> report = json.readValue(q.out(), Map.class);
        assertEquals("quantize", report.get("attack"));
        assertTrue(((Number) ((Map<?, ?>) report.get("figures")).get("maxDistinctValues")).intValue() <= 16);

        Run p = run("attack", "perturb", "--model", model.toString(), "--weights", "2", "--amount", "0.5", "--json",
                "--seed", "3", "--out", dir.resolve("p.model").toString());
        assertEquals(0, p.code(), p.err());
        Map<?, ?> pr = json.readValue(p.out(), Map.class);
        assertEquals(2, ((List<?>) ((Map<?, ?>) pr.get("figures")).get("changed")).size());
    }

    @Test
    void finetuneRunsFtll() {
        Run r = run("attack", "finetune", "--model", model.toString(), "--mode", "ftll", "--epochs", "1",
                "--out", dir.resolve("ft.model").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("changedTensors"), r.out());
    }

    @Test
    void badParametersExitWithTwoBeforeAnyWork() {
        Path out = dir.resolve("never.model");
        Run rate = run("attack", "prune", "--model", model.toString(), "--rate", "1.5", "--out", out.toString());
        assertEquals(2, rate.code());
        assertTrue(rate.err().contains("[0,1)"), rate.err());
        Run bits = run("attack", "quantize", "--model", model.toString(), "--bits", "0", "--out", out.toString());
        assertEquals(2, bits.code());
        assertTrue(bits.err().contains("bits"), bits.err());
        Run trigger = run("attack", "trojan", "--model", model.toString(), "--target", "7", "--patch", "30",
                "--out", out.toString());
        assertEquals(2, trigger.code());
        assertTrue(trigger.err().contains("larger than"), trigger.err());
        Run mode = run("attack", "finetune", "--model", model.toString(), "--mode", "xx", "--out", out.toString());
        assertEquals(2, mode.code());
        Run missing = run("attack", "prune", "--model", dir.resolve("nope.model").toString(), "--rate", "0.5",
                "--out", out.toString());
        assertEquals(2, missing.code());
        assertFalse(Files.exists(out));
    }
}
