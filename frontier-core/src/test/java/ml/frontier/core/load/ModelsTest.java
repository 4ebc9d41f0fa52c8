package ml.frontier.core.load;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.image.Preprocessing;
import ml.frontier.core.model.ModelOptions;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.testing.ByomFixtures;
import ml.frontier.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelsTest {

    private static final Preprocessing NHWC_NORMALISED = Preprocessing.parse("0.1307", "0.3081", "NHWC");

    @TempDir
    Path dir;

    @Test
    void formatsAreToldApartByContentNotName() throws Exception {
        Path pt = ByomFixtures.copy("cnn.pt", dir);
        Path onnx = ByomFixtures.copy("cnn.onnx", dir);
        Path swappedA = Files.copy(pt, dir.resolve("really-torchscript.onnx"));
        Path swappedB = Files.copy(onnx, dir.resolve("really-onnx.pt"));
        assertEquals(ModelFormat.TORCHSCRIPT, ModelFormat.detect(pt));
        assertEquals(ModelFormat.TORCHSCRIPT, ModelFormat.detect(swappedA));
        assertEquals(ModelFormat.ONNX, ModelFormat.detect(swappedB));
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        oneLine(assertThrows(FrontierException.class, () -> ModelFormat.detect(text)), text);
    }

    @Test
    void onnxModelDeclaresItsShapeAndClasses() throws Exception {
        Path c100 = ByomFixtures.copy("c100.onnx", dir);
        try (Classifier c = Models.openClassifier(c100, ModelOptions.none())) {
            assertEquals(ImageShape.CIFAR, c.inputShape());
            assertEquals(100, c.numClasses());
            float[] px = new float[8 * 3 * 32 * 32];
            Random rng = new Random(1);
            for (int i = 0; i < px.length; i++) {
                px[i] = rng.nextFloat();
            }
            int[] labels = c.predict(ImageBatch.of(px, 8, ImageShape.CIFAR));
            assertEquals(8, labels.length);
            assertTrue(Arrays.stream(labels).allMatch(l -> l >= 0 && l < 100));
        }
        oneLine(assertThrows(FrontierException.class, () -> Models.openClassifier(c100,
                new ModelOptions(null, 10, Preprocessing.none()))), c100);
    }

    @Test
    void pytorchMadeOnnxAndTorchScriptAgree() throws Exception {
        ImageBatch x = TestModels.test(200).images();
        try (Classifier onnx = Models.openClassifier(ByomFixtures.copy("cnn.onnx", dir), ModelOptions.none());
             TrainableModel pt = Models.loadTrainable(ByomFixtures.copy("cnn.pt", dir), ModelOptions.none())) {
            assertArrayEquals(new DjlClassifier(pt).predict(x), onnx.predict(x));
        }
    }

    @Test
    void normalisedNhwcModelsAnswerLikeThePlainOneOnlyWithTheTransform() throws Exception {
        ImageBatch x = TestModels.test(300).images();
        int[] reference;
        try (TrainableModel pt = Models.loadTrainable(ByomFixtures.copy("cnn.pt", dir), ModelOptions.none())) {
            reference = new DjlClassifier(pt).predict(x);
        }
        ModelOptions with = new ModelOptions(null, null, NHWC_NORMALISED);
        Path onnxFile = ByomFixtures.copy("cnn-nhwc-norm.onnx", dir);
        try (Classifier onnx = Models.openClassifier(onnxFile, with)) {
            assertEquals(ImageShape.MNIST, onnx.inputShape(), "NHWC [N,28,28,1] read back as 1x28x28 images");
            assertArrayEquals(reference, onnx.predict(x));
        }
        try (TrainableModel pt = Models.loadTrainable(ByomFixtures.copy("cnn-nhwc-norm.pt", dir), with)) {
            DjlClassifier c = new DjlClassifier(pt);
            assertArrayEquals(reference, c.predict(x));
            float[] g = c.lossGradient(x.slice(0, 2), new int[] {0, 1});
            assertEquals(2 * 784, g.length, "input gradients are taken in image space, through the transform");
        }
        // the same model fed raw [0,1] images (no recorded transform): its answers say nothing
        ModelOptions layoutOnly = new ModelOptions(null, null, Preprocessing.parse(null, null, "NHWC"));
        try (Classifier raw = Models.openClassifier(onnxFile, layoutOnly)) {
            int[] got = raw.predict(x);
            int moved = 0;
            for (int i = 0; i < got.length; i++) {
                moved += got[i] != reference[i] ? 1 : 0;
            }
            assertTrue(moved > got.length / 3, "without normalisation " + moved + " of " + got.length + " labels move");
        }
    }

    @Test
    void badOnnxFilesGiveOneLineNamingTheFile() throws Exception {
        Path two = ByomFixtures.copy("two-inputs.onnx", dir);
        FrontierException e = oneLine(assertThrows(FrontierException.class, () -> Models.openClassifier(two, ModelOptions.none())), two);
        assertTrue(e.getMessage().contains("2 inputs"), e.getMessage());
        Path op = ByomFixtures.copy("unsupported-op.onnx", dir);
        oneLine(assertThrows(FrontierException.class, () -> Models.openClassifier(op, ModelOptions.none())), op);
        Path cut = dir.resolve("cut.onnx");
        Files.write(cut, Arrays.copyOf(ByomFixtures.bytes("cnn.onnx"), 3000));
        oneLine(assertThrows(FrontierException.class, () -> Models.openClassifier(cut, ModelOptions.none())), cut);
        oneLine(assertThrows(FrontierException.class, () -> Models.loadTrainable(two, ModelOptions.none())), two);
        oneLine(assertThrows(FrontierException.class, () -> Models.loadTrainable(op, ModelOptions.none())), op);
        oneLine(assertThrows(FrontierException.class, () -> Models.loadTrainable(cut, ModelOptions.none())), cut);
    }

    private static FrontierException oneLine(FrontierException e, Path file) {
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }
}
