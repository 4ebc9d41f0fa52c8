package ml.frontier.core.onnx;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.classifier.OnnxClassifier;
import ml.frontier.core.classifier.WhiteBoxClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.model.ModelOptions;
import ml.frontier.core.onnx.proto.Onnx;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.testing.ByomFixtures;
import ml.frontier.core.testing.TestModels;
import ml.frontier.core.train.ClassifierTrainer;
import ml.frontier.core.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxModelTest {

    @TempDir
    Path dir;

    @Test
    void importedGraphsGiveOnnxRuntimesScores() throws Exception {
        ImageBatch x = TestModels.test(64).images();
        for (String name : new String[] {"cnn.onnx", "ops.onnx", "mlp.onnx"}) {
            Path file = ByomFixtures.copy(name, dir);
            try (OnnxModel m = OnnxModel.load(file, ModelOptions.none());
                 OnnxClassifier ort = OnnxClassifier.load(file, ImageShape.MNIST, 10)) {
                float[] ours = new DjlClassifier(m).logits(x);
                float[] theirs = ort.scores(x);
                boolean softmax = name.equals("ops.onnx");
                float[] compared = softmax ? WhiteBoxClassifier.softmax(ours, 10) : ours;
                assertEquals(ImageShape.MNIST, m.inputShape(), name);
                assertEquals(10, m.numClasses(), name);
                assertArrayEquals(theirs, compared, 1e-4f, name + " against ONNX Runtime");
            }
        }
        Path ops = ByomFixtures.copy("ops.onnx", dir);
        assertTrue(OnnxGraph.read(ops).operators().containsAll(List.of("BatchNormalization", "Concat", "Reshape", "MatMul",
                "Softmax", "GlobalAveragePool", "AveragePool", "Constant", "Add")), "the fixture holds the common operators");
    }

    @Test
    void importedOnnxAndTorchScriptOfOneNetworkGiveTheSameInputGradients() throws Exception {
        // cnn.onnx and cnn.pt are one PyTorch CNN (batch-norm folded into the convolutions in the ONNX export)
        float[] px = TestModels.test(4).images().data().clone();
        java.util.Random rng = new java.util.Random(3);
        for (int i = 0; i < px.length; i++) {
            px[i] = 0.9f * px[i] + 0.1f * rng.nextFloat(); // no exact max-pool ties
        }
        ImageBatch x = ImageBatch.of(px, 4, ImageShape.MNIST);
        int[] y = {0, 1, 2, 3};
        try (OnnxModel onnx = OnnxModel.load(ByomFixtures.copy("cnn.onnx", dir), ModelOptions.none());
             var pt = ml.frontier.core.torchscript.TorchScriptModel.load(ByomFixtures.copy("cnn.pt", dir), ModelOptions.none())) {
            float[] a = new DjlClassifier(onnx).lossGradient(x, y);
            float[] b = new DjlClassifier(pt).lossGradient(x, y);
            float scale = max(b);
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], 1e-3f * scale, "gradient " + i);
            }
        }
    }

    @Test
    void fineTunedWeightsGoBackIntoTheUsersGraphByName() throws Exception {
        Path file = ByomFixtures.copy("ops.onnx", dir);
        Onnx.ModelProto original = OnnxGraph.read(file).proto();
        try (OnnxModel m = OnnxModel.load(file, ModelOptions.none())) {
            Map<String, float[]> before = m.snapshot();
            assertFalse(m.isTrainable("bn.running_mean"), "batch-norm statistics are state");
            assertTrue(m.isLastLayer("side.weight") && m.isLastLayer("side.bias") && !m.isLastLayer("w"));
            float[] g = new DjlClassifier(m).lossGradient(TestModels.test(2).images(), new int[] {1, 2});
            assertTrue(max(g) > 0, "input gradients flow through the imported graph");
            TrainingConfig tc = TrainingConfig.builder().optEpochs(1).optBatchSize(64).optLearningRate(1e-3f).optSeed(2).build();
            new ClassifierTrainer(tc, Progress.silent()).train(m, TestModels.train(256), null);
            assertNotEquals(before.get("conv.weight")[0], m.values("conv.weight")[0], "trained");
            assertArrayEquals(before.get("bn.running_var"), m.values("bn.running_var"), "statistics untouched");
            Path out = dir.resolve("tuned.onnx");
            m.save(out);
            Onnx.ModelProto written = OnnxGraph.read(out).proto();
            assertEquals(original.getGraph().getNodeList(), written.getGraph().getNodeList(), "same nodes");
            assertEquals(original.getGraph().getInputList(), written.getGraph().getInputList(), "same inputs, dynamic axes");
            assertEquals(original.getGraph().getOutputList(), written.getGraph().getOutputList());
            assertEquals(original.getOpsetImportList(), written.getOpsetImportList());
            assertEquals(names(original), names(written), "same initializers, in order");
            ImageBatch x = TestModels.test(64).images();
            try (OnnxClassifier ort = OnnxClassifier.load(out, ImageShape.MNIST, 10);
                 OnnxModel back = OnnxModel.load(out, ModelOptions.none())) {
                assertArrayEquals(ort.scores(x), WhiteBoxClassifier.softmax(new DjlClassifier(m).logits(x), 10), 1e-4f,
                        "ONNX Runtime runs the written graph as the fine-tuned model");
                assertEquals(m.sha256(), back.sha256());
                assertEquals(m.metadata().history().size(), back.metadata().history().size(), "provenance in the sidecar");
            }
        }
    }

    @Test
    void operatorsItCannotRunAreRefusedInOneLine() throws Exception {
        Onnx.ModelProto base = OnnxGraph.read(ByomFixtures.copy("cnn.onnx", dir)).proto();
        Onnx.GraphProto.Builder g = base.getGraph().toBuilder();
        Onnx.NodeProto relu = g.getNode(1);
        g.setNode(1, relu.toBuilder().setOpType("Tanh"));
        Path tanh = dir.resolve("tanh.onnx");
        Files.write(tanh, base.toBuilder().setGraph(g).build().toByteArray());
        assertFalse(OnnxModel.importable(tanh));
        FrontierException e = assertThrows(FrontierException.class, () -> OnnxModel.load(tanh, ModelOptions.none()));
        assertTrue(e.getMessage().startsWith(tanh + ": unsupported ONNX operator Tanh"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        try (var ort = OnnxClassifier.open(tanh, ModelOptions.none())) {
            assertEquals(10, ort.numClasses(), "ONNX Runtime still runs it as a black box");
        }
    }

    private static List<String> names(Onnx.ModelProto m) {
        List<String> out = new ArrayList<>();
        m.getGraph().getInitializerList().forEach(t -> out.add(t.getName()));
        return out;
    }

    private static float max(float[] v) {
        float m = 0;
        for (float f : v) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }
}
