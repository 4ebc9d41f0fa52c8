package ml.frontier.lab.watermark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatermarkReportTest {

    @TempDir
    Path dir;

    @Test
    void writesCsvPlotsAndSummary() throws Exception {
        WatermarkLabConfig config = WatermarkLabConfig.quick(2, 1, dir);
        String net = config.nets().get(0).label();
        List<EmbedRow> embeds = List.of(
                new EmbedRow(net, 0.1f, 0.05, 0.95, 0.949, 1.0, 4, 0, List.of(20, 30), 1, 0, ""),
                new EmbedRow(net, 0.25f, Double.NaN, 0.95, Double.NaN, Double.NaN, 0, -1, List.of(), 0, 0, "too few"));
        List<LabRow> rows = List.of(
                new LabRow(net, 0.1f, "marked", "marked", 0.949, 0, 42, true, 20, true, ""),
                new LabRow(net, 0.1f, "null-0", "null", 0.95, 20, 42, true, 30, true, ""),
                new LabRow(net, 0.1f, "null-1", "null", 0.95, 30, 42, true, 20, false, ""),
                new LabRow(net, 0.1f, "prune-0.50", "attack", 0.93, 3, 42, true, 20, true, ""),
                new LabRow(net, 0.1f, "ftal", "attack", Double.NaN, -1, 42, false, 20, false, "failed: x"));
        WatermarkLabResult result = new WatermarkLabResult(config, embeds, rows, 1.0);
        assertEquals(1, result.nullsClaimedBinomial());
        assertEquals(2, result.nullChecks());
        new WatermarkReport(result).write(dir);
        String md = Files.readString(dir.resolve("summary.md"));
        assertTrue(md.contains("1 of 2 null-model checks"), md);
        assertTrue(md.contains("steps=28"), md);
        assertTrue(Files.readString(dir.resolve("verifications.csv")).lines().count() == 6);
        assertTrue(Files.size(dir.resolve("prune-" + net.replaceAll("[^A-Za-z0-9]+", "_") + ".png")) > 1000);
        assertTrue(Files.exists(dir.resolve("embedding.csv")));
    }
}
