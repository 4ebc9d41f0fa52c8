package ml.frontier.lab.watermark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatermarkReportTest {

    @TempDir
    Path dir;

    @Test
    void countsFalseClaimsPerRuleAndFamilyWithBoundsAndDetectionPerAttack() throws Exception {
        WatermarkLabConfig config = WatermarkLabConfig.quick(1, dir);
        String net = config.owners().get(0).label();
        List<KeyRow> keys = List.of(new KeyRow(net, "coin-0.1", "coin", 0.1f, 0.05, 0.95, 0.949, 1.0, 4, 0, ""),
                new KeyRow(net, "paper-0.1", "paper", 0.1f, 0.04, 0.95, 0.948, 1.0, 3, 0, ""));
        List<CheckRow> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(new CheckRow(net, "coin-0.1", "null-" + i, "null", i < 200 ? "same-arch-seed" : "other-arch", 0.95,
                    true, 55 + i % 10, "binomial", 0.001, 0.3, false));
            rows.add(new CheckRow(net, "paper-0.1", "null-" + i, "null", i < 200 ? "same-arch-seed" : "other-arch", 0.95,
                    true, 20, "paper", 0.05, 1e-5, true));
        }
        rows.add(new CheckRow(net, "coin-0.1", "ftal#0", "attack", "ftal", 0.94, true, 10, "binomial", 0.001, 1e-9, true));
        rows.add(new CheckRow(net, "coin-0.1", "rtal#0", "attack", "rtal", 0.93, true, 45, "binomial", 0.001, 0.2, false));
        rows.add(new CheckRow(net, "coin-0.1", "prune#0", "attack", "prune-0.85", 0.50, false, 50, "binomial", 0.001, 0.5, false));
        WatermarkLabResult result = new WatermarkLabResult(config, keys, rows, "test provenance", 1.0);
        assertEquals(0, result.falseClaims("binomial"));
        assertEquals(300, result.falseClaims("paper"));
        new WatermarkReport(result).write(dir);
        String md = Files.readString(dir.resolve("summary.md"));
        // 0 of 300: one-sided 95% upper bound 0.99%
        assertTrue(md.contains("| binomial | all | 300 | 300 | 0 | 0.00% | 0.99% |"), md);
        assertTrue(md.contains("| binomial | same-arch-seed | 200 | 200 | 0 |"), md);
        assertTrue(md.contains("| paper | all | 300 | 300 | 300 | 100.00% |"), md);
        assertTrue(md.contains("1 of 2 in-budget copies claimed"), md); // the 0.85 pruned copy is out of budget
        assertTrue(md.contains("| coin-0.1 | ftal | binomial | 1 | 1 | 1/1 |"), md);
        assertEquals(604, Files.readString(dir.resolve("checks.csv")).lines().count());
        assertTrue(Files.size(dir.resolve("roc-" + net.replaceAll("[^A-Za-z0-9]+", "_") + ".png")) > 1000);
        assertTrue(Files.exists(dir.resolve("keys.csv")));
    }
}
