package ml.frontier.attack.finetune;

import ml.frontier.attack.AttackResult;
import ml.frontier.attack.ModelWeights;
import ml.frontier.attack.SharedModels;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FineTuningTest {

    private static List<String> changed(TrainableModel a, TrainableModel b) {
        return ModelWeights.changedTensors(a.snapshot(), b.snapshot());
    }

    @Test
    void ftllChangesOnlyTheLastLayer() throws Exception {
        NetworkModel original = SharedModels.mlp();
        AttackResult r = FineTuning.builder().setMode(FineTuneMode.FTLL).optEpochs(1).build()
                .apply(original, SharedModels.small(600, 300, 1));
        try (TrainableModel ft = r.model()) {
            List<String> changed = changed(original, ft);
            assertFalse(changed.isEmpty(), "FTLL must change something");
            for (String n : original.parameterNames()) {
                assertEquals(original.isLastLayer(n), changed.contains(n), n);
            }
            assertEquals(changed, r.figure("changedTensors"));
        }
    }

    @Test
    void rtllChangesTheLastLayerOnlyAndRecoversAccuracy() throws Exception {
        NetworkModel original = SharedModels.mlp();
        AttackResult r = FineTuning.builder().setMode(FineTuneMode.RTLL).optEpochs(2).optLearningRate(0.01f).build()
                .apply(original, SharedModels.small(1000, 500, 1));
        try (TrainableModel ft = r.model()) {
            List<String> changed = changed(original, ft);
            for (String n : original.parameterNames()) {
                assertEquals(original.isLastLayer(n), changed.contains(n), n);
            }
            assertTrue(r.accuracyAfter() > 0.7, "RTLL accuracy " + r.accuracyAfter());
        }
    }

    @Test
    void ftalAndRtalChangeEveryLayer() throws Exception {
        NetworkModel original = SharedModels.mlp();
        for (FineTuneMode mode : new FineTuneMode[] {FineTuneMode.FTAL, FineTuneMode.RTAL}) {
            AttackResult r = FineTuning.builder().setMode(mode).optEpochs(1).build()
                    .apply(original, SharedModels.small(300, 200, 1));
            try (TrainableModel ft = r.model()) {
                assertEquals(original.parameterNames(), changed(original, ft), mode.toString());
            }
        }
    }

    @Test
    void reinitialisationIsSeeded() {
        try (NetworkModel a = SharedModels.mlp().copy(); NetworkModel b = SharedModels.mlp().copy();
             NetworkModel c = SharedModels.mlp().copy()) {
            FineTuning.reinitializeLastLayer(a, 5);
            FineTuning.reinitializeLastLayer(b, 5);
            FineTuning.reinitializeLastLayer(c, 6);
            assertEquals(a.sha256(), b.sha256());
            assertNotEquals(a.sha256(), c.sha256());
        }
    }

    @Test
    void sameSeedGivesTheSameModel() throws Exception {
        var attack = FineTuning.builder().setMode(FineTuneMode.FTAL).optEpochs(1).build();
        AttackResult a = attack.apply(SharedModels.mlp(), SharedModels.small(300, 100, 7));
        AttackResult b = attack.apply(SharedModels.mlp(), SharedModels.small(300, 100, 7));
        try (TrainableModel ma = a.model(); TrainableModel mb = b.model()) {
            assertEquals(ma.sha256(), mb.sha256());
        }
    }

    @Test
    void badParametersAreRefusedWhenBuilt() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FineTuning.builder().build())
                .getMessage().contains("mode"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> FineTuning.builder().setMode(FineTuneMode.FTLL).optEpochs(-1).build()).getMessage().contains("epochs"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> FineTuning.builder().setMode(FineTuneMode.FTLL).optLearningRate(0).build()).getMessage()
                .contains("learning rate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FineTuneMode.parse("ftxx")).getMessage()
                .contains("ftll"));
        assertEquals(FineTuneMode.RTAL, FineTuneMode.parse("rtal"));
    }
}
