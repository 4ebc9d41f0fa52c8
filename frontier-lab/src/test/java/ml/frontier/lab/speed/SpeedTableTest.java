package ml.frontier.lab.speed;

import org.junit.jupiter.api.Test;

import ml.frontier.core.train.TrainingReport;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpeedTableTest {

    private static SpeedRow row(String model, int batch, int repeat, double secs, double ips) {
        return new SpeedRow("djl", "mnist", model, batch, "core", repeat, secs, 2 * secs, 0.5, 0.9, 256, ips,
                TrainingReport.Phases.NONE);
    }

    @Test
    void medianOfOddEvenAndNaN() {
        assertEquals(2.0, SpeedTable.median(new double[] {3, 1, 2}));
        assertEquals(2.5, SpeedTable.median(new double[] {4, 1, 3, 2}));
        assertEquals(1.0, SpeedTable.median(new double[] {Double.NaN, 1}));
        assertTrue(Double.isNaN(SpeedTable.median(new double[] {Double.NaN})));
        assertTrue(Double.isNaN(SpeedTable.median(new double[0])));
    }

    @Test
    void csvHasOneHeaderAndOneLinePerRunWithEmptyNaN() {
        SpeedTable t = new SpeedTable();
        t.add(row("mlp", 64, 0, 1.5, 1000));
        String[] lines = t.csv().split("\n");
        assertEquals(2, lines.length);
        assertEquals(String.join(",", SpeedRow.COLUMNS), lines[0]);
        assertEquals("djl,mnist,mlp,64,core,0,1.50000,3.00000,0.500000,0.900000,256,1000.00,,,,,", lines[1]);
        assertEquals(SpeedRow.COLUMNS.size(), lines[1].split(",", -1).length);
    }

    @Test
    void mediansGroupByConfigurationAndCountRuns() {
        SpeedTable t = new SpeedTable();
        t.add(row("mlp", 64, 0, 3, 100));
        t.add(row("mlp", 64, 1, 1, 300));
        t.add(row("mlp", 64, 2, 2, 200));
        t.add(row("cnn", 64, 0, 10, 50));
        List<SpeedRow> m = t.medians();
        assertEquals(2, m.size());
        assertEquals("mlp", m.get(0).model());
        assertEquals(3, m.get(0).repeat());
        assertEquals(2.0, m.get(0).epochSeconds());
        assertEquals(4.0, m.get(0).epochCpuSeconds());
        assertEquals(200.0, m.get(0).inferImagesPerSecond());
        assertEquals(1, m.get(1).repeat());
        assertTrue(t.markdown().contains("| mnist | mlp | 64 | core | 3 | 2.000 | 4.000 | 200.000 |"));
    }

    @Test
    void rejectsFieldsThatWouldBreakTheCsvAndUnknownVariants() {
        assertThrows(IllegalArgumentException.class, () -> row("a,b", 64, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> row("mlp", 0, 0, 1, 1));
        assertEquals(Variant.FAST, Variant.parse(" Fast"));
        assertThrows(IllegalArgumentException.class, () -> Variant.parse("turbo"));
    }
}
