package ml.frontier.attack.prune;

import ml.frontier.attack.AttackResult;
import ml.frontier.attack.ModelWeights;
import ml.frontier.attack.SharedModels;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MagnitudePruningTest {

    @Test
    void globalPruningReachesTheRateAndLeavesBiasesAndTheOriginalAlone() throws Exception {
        NetworkModel original = SharedModels.mlp();
        String hash = original.sha256();
        AttackResult r = MagnitudePruning.builder().setRate(0.5).build().apply(original, SharedModels.small(0, 500, 1));
        try (TrainableModel pruned = r.model()) {
            assertEquals(0.5, ModelWeights.sparsity(pruned), 1e-4);
            assertEquals(0.5, r.number("sparsity"), 1e-4);
            assertEquals(hash, original.sha256(), "the caller's model must not change");
            for (String n : original.parameterNames()) {
                if (!ModelWeights.names(original).contains(n)) {
                    assertArrayEquals(original.values(n), pruned.values(n), n + " is not a weight and must be kept");
                }
            }
            // every surviving weight is at least as large as every pruned one
            float maxPruned = 0, minKept = Float.MAX_VALUE;
            for (String n : ModelWeights.names(original)) {
                float[] before = original.values(n), after = pruned.values(n);
                for (int i = 0; i < before.length; i++) {
                    if (after[i] == 0f) {
                        maxPruned = Math.max(maxPruned, Math.abs(before[i]));
                    } else {
                        minKept = Math.min(minKept, Math.abs(before[i]));
                    }
                }
            }
            assertTrue(maxPruned <= minKept, "pruned " + maxPruned + " > kept " + minKept);
        }
    }

    @Test
    void perLayerPruningReachesTheRateInEveryTensor() throws Exception {
        AttackResult r = MagnitudePruning.builder().setRate(0.75).optPerLayer(true).build()
                .apply(SharedModels.cnn(), SharedModels.small(0, 200, 1));
        try (TrainableModel pruned = r.model()) {
            Map<String, Double> per = ModelWeights.sparsityPerTensor(pruned);
            assertEquals(ModelWeights.names(pruned).size(), per.size());
            for (var e : per.entrySet()) {
                int n = pruned.values(e.getKey()).length;
                assertEquals(0.75, e.getValue(), 1.0 / n + 1e-9, e.getKey());
            }
        }
    }

    @Test
    void fineTuningAfterPruningKeepsThePrunedWeightsAtZero() throws Exception {
        AttackResult r = MagnitudePruning.builder().setRate(0.6).optFineTuneEpochs(1).build()
                .apply(SharedModels.mlp(), SharedModels.small(500, 300, 2));
        try (TrainableModel pruned = r.model()) {
            assertTrue(ModelWeights.sparsity(pruned) >= 0.6 - 1e-4, "sparsity " + ModelWeights.sparsity(pruned));
            assertTrue(r.accuracyAfter() > 0.5, "accuracy " + r.accuracyAfter());
        }
    }

    @Test
    void zeroRateChangesNothing() throws Exception {
        AttackResult r = MagnitudePruning.builder().setRate(0).build().apply(SharedModels.mlp(), SharedModels.small(0, 100, 1));
        try (TrainableModel m = r.model()) {
            assertEquals(SharedModels.mlp().sha256(), m.sha256());
        }
    }

    @Test
    void badParametersAreRefusedWhenBuilt() {
        for (double rate : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            var e = assertThrows(IllegalArgumentException.class, () -> MagnitudePruning.builder().setRate(rate).build());
            assertTrue(e.getMessage().contains("[0,1)"), e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> MagnitudePruning.builder().setRate(0.5).optFineTuneEpochs(-1).build());
        assertTrue(e.getMessage().contains("epochs"), e.getMessage());
    }

    @Test
    void smallestMarksExactlyKEvenWithTies() {
        boolean[] m = MagnitudePruning.smallest(new float[] {0.5f, 0.1f, 0.1f, 0.1f, 0.9f}, 2);
        assertArrayEquals(new boolean[] {false, true, true, false, false}, m);
    }
}
