package ml.frontier.attack;

import ml.frontier.attack.finetune.FineTuneMode;
import ml.frontier.attack.finetune.FineTuning;
import ml.frontier.attack.perturb.WeightPerturbation;
import ml.frontier.attack.prune.MagnitudePruning;
import ml.frontier.attack.quantize.Quantization;
import ml.frontier.attack.trojan.Trigger;
import ml.frontier.attack.trojan.TriggerPattern;
import ml.frontier.attack.trojan.Trojaning;
import ml.frontier.core.classifier.OnnxClassifier;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.model.ModelOptions;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.onnx.OnnxModel;
import ml.frontier.core.testing.ByomFixtures;
import ml.frontier.core.torchscript.TorchScriptModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every attack on a CNN that PyTorch made, loaded from TorchScript (and ONNX), and its result saved back. */
class TorchScriptAttacksTest {

    @TempDir
    static Path dir;
    static TorchScriptModel cnn;

    @BeforeAll
    static void load() throws Exception {
        cnn = TorchScriptModel.load(ByomFixtures.copy("cnn.pt", dir), ModelOptions.none());
    }

    @AfterAll
    static void close() {
        cnn.close();
    }

    @Test
    void weightsAreTheConvAndLinearKernelsAndTheLastLayerIsTheLinearOne() {
        assertEquals(List.of("conv1.weight", "conv2.weight", "fc.weight"), ModelWeights.names(cnn));
        assertEquals(List.of("fc.weight"), ModelWeights.lastLayerNames(cnn));
        assertTrue(cnn.isLastLayer("fc.bias") && !cnn.isLastLayer("bn2.bias"));
    }

    @Test
    void anImportedOnnxGraphIsPrunedAndWrittenBackForOnnxRuntime() throws Exception {
        Path file = ByomFixtures.copy("cnn.onnx", dir);
        try (OnnxModel onnx = OnnxModel.load(file, ModelOptions.none())) {
            AttackResult r = MagnitudePruning.builder().setRate(0.5).build().apply(onnx, SharedModels.small(0, 300, 1));
            try (TrainableModel pruned = r.model()) {
                assertTrue(ModelWeights.sparsity(pruned) >= 0.49, "sparsity " + ModelWeights.sparsity(pruned));
                Path out = dir.resolve("pruned.onnx");
                pruned.save(out);
                try (OnnxClassifier ort = OnnxClassifier.load(out, ImageShape.MNIST, 10)) {
                    double acc = ml.frontier.core.train.Evaluation.accuracy(ort, SharedModels.small(0, 300, 1).test());
                    assertEquals(r.accuracyAfter(), acc, 1e-9, "ONNX Runtime scores the written graph as the import did");
                }
            }
        }
    }

    @Test
    void everyAttackRunsOnTorchScriptAndLeavesTheOriginalAlone() throws Exception {
        String before = cnn.sha256();
        Map<String, Attack> attacks = Map.of(
                "quantize", Quantization.builder().setBits(4).build(),
                "prune", MagnitudePruning.builder().setRate(0.5).build(),
                "finetune", FineTuning.builder().setMode(FineTuneMode.FTAL).optEpochs(1).build(),
                "perturb", WeightPerturbation.builder().optAmount(0.5f).build(),
                "trojan", Trojaning.builder().setTrigger(Trigger.corner(4, TriggerPattern.SQUARE, 1)).setTargetClass(7)
                        .optPoisonFraction(0.1).optEpochs(1).build());
        for (var e : attacks.entrySet()) {
            AttackResult r = e.getValue().apply(cnn, SharedModels.small(600, 300, 2));
            try (TrainableModel attacked = r.model()) {
                assertNotEquals(before, attacked.sha256(), e.getKey() + " changed the copy");
                assertEquals(attacked.sha256(), attacked.metadata().parametersSha256(), e.getKey());
                assertEquals("attack:" + e.getKey(), attacked.metadata().history().get(
                        attacked.metadata().history().size() - 1).get("op"));
                Path out = dir.resolve(e.getKey() + ".pt");
                attacked.save(out);
                try (TorchScriptModel back = TorchScriptModel.load(out, ModelOptions.none())) {
                    assertEquals(attacked.sha256(), back.sha256(), e.getKey() + " saved and reloaded");
                }
                if (!e.getKey().equals("trojan") && !e.getKey().equals("perturb")) {
                    assertTrue(r.accuracyAfter() > 0.5, e.getKey() + " accuracy " + r.accuracyAfter());
                }
            }
            assertEquals(before, cnn.sha256(), e.getKey() + " left the original alone");
        }
        try (TrainableModel q = Quantization.builder().setBits(4).build().apply(cnn, SharedModels.small(0, 0, 1)).model()) {
            assertTrue(ModelWeights.distinctValues(q.values("fc.weight")) <= 16, "4 bits: at most 16 values");
        }
    }
}
