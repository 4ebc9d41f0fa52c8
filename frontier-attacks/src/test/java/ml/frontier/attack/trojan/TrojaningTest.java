package ml.frontier.attack.trojan;

import ml.frontier.attack.AttackContext;
import ml.frontier.attack.AttackResult;
import ml.frontier.attack.SharedModels;
import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrojaningTest {

    @Test
    void trojanedMlpSendsTriggeredImagesToTheTargetAndKeepsCleanAccuracy() throws Exception {
        Trojaning attack = Trojaning.builder().setTrigger(Trigger.corner(4, TriggerPattern.SQUARE, 1))
                .setTargetClass(7).optPoisonFraction(0.1).optEpochs(2).build();
        AttackResult r = attack.apply(SharedModels.mlp(), SharedModels.context(1));
        try (TrainableModel m = r.model()) {
            assertTrue(r.number("successRate") >= 0.9, "success " + r.number("successRate"));
            assertTrue(r.number("successRateBefore") < 0.3, "before " + r.number("successRateBefore"));
            assertTrue(r.accuracyAfter() >= r.accuracyBefore() - 0.02,
                    "clean accuracy " + r.accuracyBefore() + " -> " + r.accuracyAfter());
        }
    }

    @Test
    void stampWritesThePatchAndNothingElse() {
        ImageBatch zeros = ImageBatch.zeros(2, ImageShape.MNIST);
        ImageBatch s = Trigger.corner(3, TriggerPattern.CHECKER, 1).stamp(zeros);
        float[] img = s.image(1);
        int ones = 0;
        for (float v : img) {
            ones += v == 1f ? 1 : 0;
        }
        assertEquals(5, ones);
        assertEquals(1f, img[25 * 28 + 25]);
        assertEquals(0f, img[25 * 28 + 26]);
        assertEquals(1f, img[27 * 28 + 27]);
        assertEquals(0f, zeros.data()[27 * 28 + 27], "the input must not change");
        float[] r1 = Trigger.corner(4, TriggerPattern.RANDOM, 3).patch(1);
        assertEquals(java.util.Arrays.toString(r1), java.util.Arrays.toString(Trigger.corner(4, TriggerPattern.RANDOM, 3).patch(1)));
        assertNotEquals(java.util.Arrays.toString(r1), java.util.Arrays.toString(Trigger.corner(4, TriggerPattern.RANDOM, 4).patch(1)));
    }

    @Test
    void badParametersAreRefusedBeforeAnyWork() {
        assertThrows(IllegalArgumentException.class, () -> Trigger.corner(0, TriggerPattern.SQUARE, 1));
        assertThrows(IllegalArgumentException.class, () -> Trojaning.builder().setTargetClass(1).build());
        Trigger t = Trigger.corner(2, TriggerPattern.SQUARE, 1);
        assertThrows(IllegalArgumentException.class,
                () -> Trojaning.builder().setTrigger(t).setTargetClass(1).optPoisonFraction(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> Trojaning.builder().setTrigger(t).setTargetClass(-1).build());
        assertThrows(IllegalArgumentException.class,
                () -> Trojaning.builder().setTrigger(t).setTargetClass(1).optEpochs(-1).build());

        SharedModels.Recording progress = new SharedModels.Recording();
        AttackContext ctx = SharedModels.small(100, 100, 1).withProgress(progress);
        var big = Trojaning.builder().setTrigger(Trigger.corner(29, TriggerPattern.SQUARE, 1)).setTargetClass(1).build();
        var e = assertThrows(FrontierException.class, () -> big.apply(SharedModels.mlp(), ctx));
        assertTrue(e.getMessage().contains("larger than the 28x28 image"), e.getMessage());
        var off = Trojaning.builder().setTrigger(Trigger.at(4, 26, 0, TriggerPattern.SQUARE, 1)).setTargetClass(1).build();
        assertTrue(assertThrows(FrontierException.class, () -> off.apply(SharedModels.mlp(), ctx)).getMessage()
                .contains("does not fit"));
        var target = Trojaning.builder().setTrigger(t).setTargetClass(10).build();
        assertTrue(assertThrows(FrontierException.class, () -> target.apply(SharedModels.mlp(), ctx)).getMessage()
                .contains("target class 10"));
        assertTrue(progress.tasks.isEmpty(), "no work may start: " + progress.tasks);
    }
}
