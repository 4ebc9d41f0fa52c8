package ml.frontier.core.model;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.classifier.OnnxClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.onnx.OnnxExport;
import ml.frontier.core.testing.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ModelFileTest {

    static NetworkModel mlp;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        mlp = TestModels.mlp(7);
    }

    @AfterAll
    static void close() {
        mlp.close();
    }

    @Test
    void saveAndLoadGiveTheSameModel() throws Exception {
        Path f = dir.resolve("m.model");
        mlp.setMetadata(mlp.metadata().withAccuracy("mnist", 0.9).withStep("train", Map.of("epochs", 2)));
        ModelFile.save(mlp, f);
        Dataset test = TestModels.test(500);
        try (NetworkModel back = ModelFile.load(f)) {
            assertEquals(mlp.sha256(), back.sha256());
            assertEquals(mlp.metadata().parametersSha256(), back.metadata().parametersSha256());
            assertEquals("mlp", back.spec().architecture());
            assertEquals("64", back.spec().hyperParameters().get("hidden"));
            assertEquals(0.9, back.metadata().testAccuracy());
            assertEquals("train", back.metadata().history().get(0).get("op"));
            assertArrayEquals(new DjlClassifier(mlp).predict(test.images()), new DjlClassifier(back).predict(test.images()));
        }
        assertEquals("mlp", ModelFile.readMetadata(f).spec().architecture());
    }

    @Test
    void damagedFilesAreRefusedWithAClearMessage() throws Exception {
        Path f = dir.resolve("m.model");
        ModelFile.save(mlp, f);
        byte[] good = Files.readAllBytes(f);

        byte[] flipped = good.clone();
        flipped[flipped.length - 10] ^= 0x40;
        Files.write(f, flipped);
        FrontierException e = assertThrows(FrontierException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());

        Files.write(f, Arrays.copyOf(good, good.length - 1000));
        e = assertThrows(FrontierException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        Files.writeString(f, "hello");
        e = assertThrows(FrontierException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("not a Frontier model file"), e.getMessage());

        e = assertThrows(FrontierException.class, () -> ModelFile.load(dir.resolve("none.model")));
        assertTrue(e.getMessage().contains("no such file"));
        for (FrontierException x : new FrontierException[] {e}) {
            assertTrue(x.isBadInput());
            assertFalse(x.getMessage().contains("\n"));
        }
    }

    @Test
    void anotherArchitectureIsRefused() throws Exception {
        Path f = dir.resolve("m.model");
        ModelFile.save(mlp, f);
        FrontierException e = assertThrows(FrontierException.class, () -> ModelFile.load(f, "cnn"));
        assertTrue(e.getMessage().contains("'mlp' model, expected 'cnn'"), e.getMessage());
        // a header that claims another architecture than the parameters hold
        String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(f, text.replace("\"hidden\" : \"64\"", "\"hidden\" : \"32\"").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        e = assertThrows(FrontierException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("do not fit"), e.getMessage());
    }

    @Test
    void copiesAreIndependent() {
        try (NetworkModel c = mlp.copy()) {
            String w = c.parameterNames().get(0);
            float[] v = c.values(w);
            v[0] += 1;
            c.setValues(w, v);
            assertNotEquals(mlp.values(w)[0], c.values(w)[0]);
            assertNotEquals(mlp.sha256(), c.sha256());
            assertTrue(c.isLastLayer(c.parameterNames().get(c.parameterNames().size() - 1)));
            assertFalse(c.isLastLayer(w));
        }
    }

    @Test
    void onnxExportAnswersLikeTheOriginal() throws Exception {
        Path onnx = dir.resolve("m.onnx");
        OnnxExport.write(mlp, onnx);
        Dataset test = TestModels.test(300);
        try (OnnxClassifier o = OnnxClassifier.load(onnx, mlp.inputShape(), 10)) {
            assertArrayEquals(new DjlClassifier(mlp).predict(test.images()), o.predict(test.images()));
        }
        Files.writeString(onnx, "garbage");
        assertThrows(FrontierException.class, () -> OnnxClassifier.load(onnx, mlp.inputShape(), 10));
    }

    @Test
    void zooBuildsEveryArchitectureWithTheRightOutput() throws Exception {
        ModelZoo zoo = ModelZoo.standard();
        assertEquals(java.util.List.of("mlp", "cnn", "irnn", "resnet"), zoo.names());
        try (NetworkModel irnn = NetworkModel.create(zoo, zoo.spec("irnn", Map.of("steps", "28"), ml.frontier.core.image.ImageShape.MNIST, 10), 1);
             NetworkModel res = NetworkModel.create(zoo, zoo.spec("resnet", Map.of("width", "8", "stages", "2"),
                     ml.frontier.core.image.ImageShape.CIFAR, 10), 1)) {
            assertEquals(100 * 28 + 100 * 100 + 200 + 1010, irnn.parameterCount());
            String h2h = irnn.parameterNames().stream().filter(n -> n.contains("h2h") && n.toLowerCase().contains("weight")).findFirst().orElseThrow();
            float[] rec = irnn.values(h2h);
            assertEquals(1f, rec[0]);
            assertEquals(0f, rec[1]);
            assertEquals(1f, rec[101]);
            var x = ml.frontier.core.image.ImageBatch.zeros(3, ml.frontier.core.image.ImageShape.CIFAR);
            assertEquals(3 * 10, new DjlClassifier(res).logits(x).length);
        }
        assertThrows(IllegalArgumentException.class, () -> zoo.spec("mlp", Map.of("nope", "1"), ml.frontier.core.image.ImageShape.MNIST, 10));
        assertThrows(IllegalArgumentException.class, () -> zoo.get("vgg"));
    }
}
