package ml.frontier.lab.watermark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ml.frontier.core.FrontierException;
import ml.frontier.core.io.ArrayBundle;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each attacked copy answered on the keys, one JSON line per copy, appended as soon as the
 * copy is measured: attacked copies are not kept, and a resumed run skips the ones already here.
 * A line cut short by an interruption is ignored.
 */
final class AnswerCache {

    /** One measured subject: its test accuracy and its answers per key name. */
    record Entry(double testAccuracy, Map<String, int[]> answers) {}

    private final Path file;
    private final Map<String, Entry> entries = new HashMap<>();

    AnswerCache(Path file) throws FrontierException {
        this.file = file;
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    read(line);
                }
            } catch (IOException e) {
                throw new FrontierException(file + ": cannot read the answer cache (" + e.getMessage() + ")");
            }
        }
    }

    private void read(String line) {
        try {
            JsonNode n = ArrayBundle.JSON.readTree(line);
            Map<String, int[]> answers = new LinkedHashMap<>();
            n.path("answers").fields().forEachRemaining(e -> {
                int[] a = new int[e.getValue().size()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = e.getValue().get(i).asInt();
                }
                answers.put(e.getKey(), a);
            });
            entries.put(n.path("subject").asText(), new Entry(n.path("testAccuracy").asDouble(Double.NaN), answers));
        } catch (IOException e) {
            // an interrupted append: that copy is simply measured again
        }
    }

    Entry get(String subject) {
        return entries.get(subject);
    }

    void put(String subject, Entry entry) throws FrontierException {
        ObjectNode n = ArrayBundle.JSON.createObjectNode();
        n.put("subject", subject);
        n.put("testAccuracy", entry.testAccuracy());
        ObjectNode a = n.putObject("answers");
        entry.answers().forEach((k, v) -> {
            var arr = a.putArray(k);
            for (int x : v) {
                arr.add(x);
            }
        });
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                w.write(n.toString());
                w.write('\n');
            }
        } catch (IOException e) {
            throw new FrontierException(file + ": cannot append to the answer cache (" + e.getMessage() + ")");
        }
        entries.put(subject, entry);
    }
}
