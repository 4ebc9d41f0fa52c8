package ml.frontier.lab.speed;

import ml.frontier.core.data.Dataset;
import ml.frontier.core.engine.Engines;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.testing.TestModels;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabTrainerTest {

    /** Trains a few batches without dropout and returns the parameters. */
    private static float[][] train(Variant variant) {
        Dataset data = TestModels.train(256);
        try (NetworkModel model = TestModels.untrained("mlp", Map.of("hidden", "32", "dropout", "0"), 7)) {
            Engines.seed(3);
            LabTrainer.EpochResult r = new LabTrainer(variant, 1e-3f).epoch(model, data, 32, new Random(5), 4);
            assertTrue(r.loss() > 0 && r.seconds() > 0);
            return model.parameterNames().stream().map(model::values).toArray(float[][]::new);
        }
    }

    @Test
    void everyVariantComputesTheSameUpdatesAsTheCoreLoop() {
        float[][] core = train(Variant.LAB);
        for (Variant v : new Variant[] {Variant.GATHER, Variant.FUSED, Variant.PICK, Variant.FAST, Variant.ALL}) {
            float[][] other = train(v);
            assertEquals(core.length, other.length);
            for (int p = 0; p < core.length; p++) {
                for (int i = 0; i < core[p].length; i++) {
                    assertEquals(core[p][i], other[p][i], 2e-5f, v + ": parameter " + p + "[" + i + "]");
                }
            }
        }
    }
}
