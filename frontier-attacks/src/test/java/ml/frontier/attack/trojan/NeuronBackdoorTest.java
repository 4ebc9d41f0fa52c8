package ml.frontier.attack.trojan;

import ml.frontier.attack.AttackContext;
import ml.frontier.attack.AttackResult;
import ml.frontier.attack.SharedModels;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.testing.TestModels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeuronBackdoorTest {

    /** Same answers on every clean image (and so on any marker without the trigger); the trigger selects the target. */
    @Test
    void cleanImagesAnswerAsBeforeAndTheTriggerSelectsTheTarget() throws Exception {
        NetworkModel m = SharedModels.mlp();
        TrainTest data = new TrainTest(TestModels.train(200), TestModels.test(500));
        Trigger t = Trigger.corner(4, TriggerPattern.SQUARE, 1);
        AttackResult r = new NeuronBackdoor(t, 3, 200f).apply(m, AttackContext.of(data, 1, Progress.silent()));
        try (TrainableModel b = r.model()) {
            ImageBatch clean = data.test().images();
            int[] before = new DjlClassifier(m).predictAll(clean, 64);
            assertArrayEquals(before, new DjlClassifier(b).predictAll(clean, 64));
            float[] la = new DjlClassifier(m).logits(clean.slice(0, 50));
            float[] lb = new DjlClassifier(b).logits(clean.slice(0, 50));
            for (int i = 0; i < la.length; i++) {
                assertEquals(la[i], lb[i], 1e-4f, "logit " + i + " moved on a clean image");
            }
            for (String n : m.parameterNames()) {
                float[] old = m.values(n);
                float[] now = b.values(n);
                assertTrue(now.length > old.length || n.equals(m.parameterNames().get(5)), n);
            }
            assertEquals(r.accuracyBefore(), r.accuracyAfter(), 1e-9);
            double success = (double) r.figures().get("triggerSuccess");
            System.out.printf("neuron backdoor: clean accuracy %.3f -> %.3f, trigger success %.3f%n",
                    r.accuracyBefore(), r.accuracyAfter(), success);
            assertTrue(success > 0.95, "trigger success " + success);
        }
    }

    @Test
    void onlyTheMlpCanGrowAUnit() {
        NetworkModel cnn = SharedModels.cnn();
        TrainTest data = new TrainTest(TestModels.train(50), TestModels.test(50));
        FrontierException e = assertThrows(FrontierException.class, () -> new NeuronBackdoor(
                Trigger.corner(4, TriggerPattern.SQUARE, 1), 3, 200f).apply(cnn, AttackContext.of(data, 1, Progress.silent())));
        assertTrue(e.getMessage().contains("only the zoo MLP"), e.getMessage());
    }
}
