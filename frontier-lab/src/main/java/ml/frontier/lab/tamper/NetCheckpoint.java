package ml.frontier.lab.tamper;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import ml.frontier.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One network's finished rows, written when the network is done, so a rerun with the same output
 * directory skips it: a long study (three networks, two datasets) finishes across sessions.
 * A damaged checkpoint is reported and that network is run again.
 *
 * @param detections its detection rows
 * @param benign its benign re-deployment rows
 * @param generation its generation rows
 */
record NetCheckpoint(List<DetectionRow> detections, List<BenignRow> benign, List<GenerationRow> generation) {

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    static Path file(Path out, TamperNet net) {
        return out.resolve("checkpoint").resolve(net.label().replaceAll("[^A-Za-z0-9]+", "_") + ".json");
    }

    /** The checkpoint of {@code net}, or null when there is none (or it cannot be read: run the network again). */
    static NetCheckpoint read(Path out, TamperNet net, java.io.PrintWriter log) {
        Path f = file(out, net);
        if (!Files.exists(f)) {
            return null;
        }
        try {
            return JSON.readValue(f.toFile(), NetCheckpoint.class);
        } catch (IOException e) {
            log.println("  " + f + ": unreadable checkpoint (" + e.getMessage().lines().findFirst().orElse("")
                    + "); running " + net.label() + " again");
            return null;
        }
    }

    void write(Path out, TamperNet net) throws IOException {
        AtomicFiles.write(file(out, net), JSON.writeValueAsBytes(this));
    }
}
