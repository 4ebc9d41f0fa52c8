package ml.frontier.tamper;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.model.ModelOptions;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.testing.ByomFixtures;
import ml.frontier.core.testing.TestModels;
import ml.frontier.core.torchscript.TorchScriptModel;
import ml.frontier.tamper.benign.BenignSuite;
import ml.frontier.tamper.strategy.MarkerStrategies;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every marker strategy on a CNN that PyTorch made (batch-norm, dropout), loaded from TorchScript. */
class TorchScriptMarkersTest {

    @TempDir
    static Path dir;
    static TorchScriptModel model;
    static ImageBatch pool;

    @BeforeAll
    static void setUp() throws FrontierException {
        model = TorchScriptModel.load(ByomFixtures.copy("cnn.pt", dir), ModelOptions.none());
        pool = TestModels.test(300).images();
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }

    @Test
    void everyStrategyMakesStableMarkersThatTheModelItselfPasses() throws Exception {
        Path saved = dir.resolve("same.pt");
        model.save(saved);
        try (TorchScriptModel reloaded = TorchScriptModel.load(saved, ModelOptions.none())) {
            for (String s : MarkerStrategies.NAMES) {
                MarkerSet m = new MarkerGenerator(MarkerStrategies.byName(s), Progress.silent())
                        .withSuite(BenignSuite.inProcessOnly()).generate(model, pool, 8, 5);
                assertEquals(8, m.size(), s);
                assertEquals(model.sha256(), m.modelSha256(), s);
                for (float v : m.images().data()) {
                    assertTrue(v >= 0f && v <= 1f, s + " marker pixel out of [0,1]: " + v);
                }
                TamperReport self = new TamperCheck(m.size(), 1, 4).check(new DjlClassifier(model), m);
                assertFalse(self.tampered(), s + ": " + self.summary());
                TamperReport back = new TamperCheck(m.size(), 1, 1).check(new DjlClassifier(reloaded), m);
                assertFalse(back.tampered(), s + " on the saved and reloaded TorchScript: " + back.summary());
            }
        }
    }

    @Test
    void boundaryMarkersCatchAQuantizedCopy() throws Exception {
        MarkerSet m = new MarkerGenerator(MarkerStrategies.byName("boundary"), Progress.silent()).generate(model, pool, 15, 9);
        // the full suite: fresh JVMs loaded the TorchScript file with every thread count and instruction set
        Acceptance a = m.acceptance();
        assertTrue(a.redeployments().stream().filter(r -> r.startsWith("fresh-process/")).count() >= 4, a.summary());
        assertTrue(a.redeployments().contains("rounding/fp16") && a.redeployments().contains("in-process/batch1024"));
        assertTrue(a.notChecked().stream().anyMatch(r -> r.startsWith("onnxruntime")), a.notChecked().toString());
        assertTrue(a.floorRatioMin() >= 1.0, a.summary());
        try (TorchScriptModel copy = model.copy()) {
            // 8-bit symmetric rounding of every weight tensor, as a quantizing attacker would store it
            for (String n : copy.parameterNames()) {
                if (copy.isWeight(n)) {
                    float[] w = copy.values(n);
                    float max = 0;
                    for (float v : w) {
                        max = Math.max(max, Math.abs(v));
                    }
                    for (int i = 0; i < w.length; i++) {
                        w[i] = Math.round(w[i] / max * 127) * max / 127;
                    }
                    copy.setValues(n, w);
                }
            }
            TamperReport r = new TamperCheck(m.size(), 1, 1).check(new DjlClassifier(copy), m);
            assertTrue(r.tampered(), "8-bit weights move a boundary marker: " + r.summary());
        }
    }
}
