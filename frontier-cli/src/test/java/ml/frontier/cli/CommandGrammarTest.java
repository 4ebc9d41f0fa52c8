package ml.frontier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * One grammar for the whole command tree: every command inherits help, --version, --seed and
 * --verbose; every command that reports something takes --json, and the cheap ones, run on tiny
 * inputs with --json, print stdout that parses as JSON.
 */
class CommandGrammarTest {

    /** Commands that report nothing: servers run until stopped, the rest print help or a script. */
    private static final Set<String> NOT_REPORTING = Set.of(
            "frontier help", "frontier completion", "frontier serve", "frontier gan server", "frontier gan worker",
            "frontier lab help", "frontier gan help", "frontier watermark help", "frontier attack help", "frontier tamper help");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Every runnable command of the tree (groups left out), by qualified name. */
    private static Map<String, CommandLine> leaves(CommandLine cl, Map<String, CommandLine> into) {
        if (cl.getSubcommands().isEmpty()) {
            into.put(cl.getCommandSpec().qualifiedName(), cl);
        }
        // picocli lists aliases too; a LinkedHashMap per qualified name keeps each once
        cl.getSubcommands().values().forEach(sub -> leaves(sub, into));
        return into;
    }

    @Test
    void everyCommandInheritsTheSharedOptionsAndEveryReportingOneTakesJson() {
        Map<String, CommandLine> leaves = leaves(Frontier.commandLine(), new LinkedHashMap<>());
        assertTrue(leaves.size() >= 30, "the tree has its ~30 commands: " + leaves.keySet());
        List<String> missingJson = new ArrayList<>();
        for (var e : leaves.entrySet()) {
            var spec = e.getValue().getCommandSpec();
            if (e.getValue().getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            for (String shared : new String[] {"--help", "--version", "--seed", "--verbose"}) {
                assertNotNull(spec.findOption(shared), e.getKey() + " lacks the inherited " + shared);
            }
            if (!NOT_REPORTING.contains(e.getKey()) && spec.findOption("--json") == null) {
                missingJson.add(e.getKey());
            }
        }
        assertEquals(List.of(), missingJson, "reporting commands without --json");
    }

    @Test
    void cheapReportingCommandsPrintJsonOnStdout() throws Exception {
        Path model = dir.resolve("m.model");
        Path onnx = dir.resolve("m.onnx");
        Path markers = dir.resolve("m.markers");
        Path q = dir.resolve("q.model");
        // in the order they depend on each other; each prints one JSON document on stdout
        Map<String, String[]> runs = new LinkedHashMap<>();
        runs.put("frontier train", new String[] {"train", "--model", "mlp", "--arch-opt", "hidden=64", "--epochs", "1",
                "--train-size", "2000", "--out", model.toString()});
        runs.put("frontier eval", new String[] {"eval", "--model", model.toString(), "--limit", "200"});
        runs.put("frontier info", new String[] {"info", model.toString()});
        runs.put("frontier info --zoo", new String[] {"info", "--zoo"});
        runs.put("frontier export", new String[] {"export", "--model", model.toString(), "--onnx", onnx.toString()});
        runs.put("frontier watermark threshold", new String[] {"watermark", "threshold", "--key-size", "20"});
        runs.put("frontier tamper markers", new String[] {"tamper", "markers", "--no-fresh-processes", "--model", model.toString(), "--strategy",
                "random", "--count", "5", "--out", markers.toString()});
        runs.put("frontier tamper check", new String[] {"tamper", "check", "--no-ledger", "--markers", markers.toString(), "--onnx",
                onnx.toString()});
        runs.put("frontier attack quantize", new String[] {"attack", "quantize", "--model", model.toString(), "--bits", "8",
                "--out", q.toString()});
        runs.put("frontier gan shard", new String[] {"gan", "shard", "--shards", "2", "--out", dir.resolve("shards").toString()});
        Set<String> ran = new TreeSet<>();
        for (var e : runs.entrySet()) {
            String[] args = append(e.getValue(), "--json", "--seed", "2");
            CliRun r = CliRun.of(args);
            assertEquals(0, r.exitCode(), e.getKey() + ": " + r);
            JsonNode node = JSON.readTree(r.out());
            assertTrue(node.isObject() && node.size() > 0, e.getKey() + " printed " + r.out());
            ran.add(e.getKey());
        }
        JsonNode train = JSON.readTree(CliRun.of("train", "--model", "mlp", "--arch-opt", "hidden=16", "--epochs", "1",
                "--train-size", "200", "--seed", "7", "--json", "--out", dir.resolve("t.model").toString()).out());
        assertEquals(7, train.get("seed").asInt(), "the inherited --seed reaches the command");
        JsonNode eval = JSON.readTree(CliRun.of("eval", "--model", model.toString(), "--limit", "100", "--json").out());
        assertEquals(100, eval.get("images").asInt());
        assertTrue(eval.get("accuracy").asDouble() > 0.5, "a trained MLP beats chance: " + eval);
        assertEquals(10, ran.size());
    }

    @Test
    void completionScriptCoversTheTree() {
        CliRun r = CliRun.of("completion");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("complete") && r.out().contains("watermark") && r.out().contains("--json"), r.out());
    }

    private static String[] append(String[] a, String... more) {
        String[] out = new String[a.length + more.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }
}
