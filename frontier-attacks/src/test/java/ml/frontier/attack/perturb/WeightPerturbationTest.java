package ml.frontier.attack.perturb;

import ml.frontier.attack.AttackResult;
import ml.frontier.attack.ModelWeights;
import ml.frontier.attack.SharedModels;
import ml.frontier.core.FrontierException;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightPerturbationTest {

    @Test
    void oneLastLayerWeightMovesByTheAmount() throws Exception {
        NetworkModel original = SharedModels.mlp();
        AttackResult r = WeightPerturbation.builder().optAmount(0.5f).build().apply(original, SharedModels.small(0, 100, 1));
        try (TrainableModel p = r.model()) {
            assertEquals(1, ModelWeights.changedValues(original.snapshot(), p.snapshot()));
            @SuppressWarnings("unchecked")
            Map<String, Object> c = ((List<Map<String, Object>>) r.figure("changed")).get(0);
            String name = (String) c.get("parameter");
            assertTrue(original.isLastLayer(name), name);
            int i = (Integer) c.get("index");
            assertEquals(original.values(name)[i] + 0.5f, p.values(name)[i], 1e-6f);
            assertNotEquals(original.sha256(), p.sha256());
        }
    }

    @Test
    void manyWeightsAnywhereAreSeeded() throws Exception {
        var attack = WeightPerturbation.builder().optCount(20).optAmount(-0.1f).optScope(WeightPerturbation.Scope.ALL).build();
        AttackResult a = attack.apply(SharedModels.mlp(), SharedModels.small(0, 100, 4));
        AttackResult b = attack.apply(SharedModels.mlp(), SharedModels.small(0, 100, 4));
        AttackResult c = attack.apply(SharedModels.mlp(), SharedModels.small(0, 100, 5));
        try (TrainableModel ma = a.model(); TrainableModel mb = b.model(); TrainableModel mc = c.model()) {
            assertEquals(20, ModelWeights.changedValues(SharedModels.mlp().snapshot(), ma.snapshot()));
            assertEquals(ma.sha256(), mb.sha256());
            assertNotEquals(ma.sha256(), mc.sha256());
        }
    }

    @Test
    void badParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WeightPerturbation.builder().optCount(0).build());
        assertThrows(IllegalArgumentException.class, () -> WeightPerturbation.builder().optAmount(0).build());
        assertThrows(IllegalArgumentException.class, () -> WeightPerturbation.builder().optAmount(Float.NaN).build());
        var tooMany = WeightPerturbation.builder().optCount(641).build(); // the last layer holds 64×10
        var e = assertThrows(FrontierException.class, () -> tooMany.apply(SharedModels.mlp(), SharedModels.small(0, 10, 1)));
        assertTrue(e.getMessage().contains("holds 640"), e.getMessage());
    }
}
