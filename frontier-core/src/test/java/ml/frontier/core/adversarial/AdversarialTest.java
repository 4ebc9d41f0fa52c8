package ml.frontier.core.adversarial;

import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.testing.TestModels;
import ml.frontier.core.train.Evaluation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class AdversarialTest {

    static NetworkModel mlp;
    static DjlClassifier c;

    @BeforeAll
    static void train() {
        mlp = TestModels.mlp(3);
        c = new DjlClassifier(mlp);
    }

    @AfterAll
    static void close() {
        mlp.close();
    }

    @Test
    void lossGradientMatchesFiniteDifferences() throws Exception {
        Dataset one = TestModels.test(1);
        float[] g = c.lossGradient(one.images(), one.labels());
        int[] probe = {200, 350, 400, 500};
        for (int p : probe) {
            float h = 1e-2f;
            double up = loss(one, p, h), down = loss(one, p, -h);
            double numeric = (up - down) / (2 * h);
            assertEquals(numeric, g[p], 2e-2 + 0.1 * Math.abs(numeric), "pixel " + p);
        }
    }

    private static double loss(Dataset one, int pixel, float delta) throws Exception {
        float[] x = one.images().data().clone();
        x[pixel] += delta;
        float[] p = c.probabilities(ImageBatch.of(x, 1, one.shape()));
        return -Math.log(p[one.labels()[0]]);
    }

    @Test
    void fgsmStaysInTheBallAndHurtsAccuracy() throws Exception {
        Dataset test = TestModels.test(300);
        ImageBatch adv = new Fgsm(0.1f).perturb(c, test.images(), test.labels());
        float[] x = test.images().data(), y = adv.data();
        for (int i = 0; i < x.length; i++) {
            assertTrue(Math.abs(x[i] - y[i]) <= 0.1f + 1e-6 && y[i] >= 0 && y[i] <= 1);
        }
        double clean = Evaluation.accuracy(c, test);
        double fgsm = Evaluation.accuracy(c.predict(adv), test.labels());
        ImageBatch pgd = new Pgd(0.1f, 0.02f, 10, true, 1).perturb(c, test.images(), test.labels());
        double pgdAcc = Evaluation.accuracy(c.predict(pgd), test.labels());
        assertTrue(fgsm < clean - 0.2, "fgsm " + fgsm + " clean " + clean);
        assertTrue(pgdAcc <= fgsm + 0.02, "pgd " + pgdAcc + " fgsm " + fgsm);
        assertThrows(IllegalArgumentException.class, () -> new Fgsm(0));
    }
}
