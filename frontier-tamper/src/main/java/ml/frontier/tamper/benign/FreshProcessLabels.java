package ml.frontier.tamper.benign;

import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.engine.Engines;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.io.Npy;
import ml.frontier.core.load.Models;
import ml.frontier.core.model.ModelOptions;
import ml.frontier.core.model.TrainableModel;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child of {@link FreshProcesses}: {@code MODEL IMAGES.npy BATCH…} loads a model file and an
 * N×C×H×W float32 {@code .npy} and prints {@code batchB l0 l1 …} per batch size; exit 1 with a
 * message on failure.
 */
public final class FreshProcessLabels {

    private FreshProcessLabels() {}

    public static void main(String[] args) {
        try {
            Engines.configureOffline();
            Npy.Array a = Npy.read(Files.readAllBytes(Path.of(args[1])), args[1]);
            long[] s = a.shape();
            ImageBatch images = new ImageBatch(a.floats(), (int) s[0], (int) s[1], (int) s[2], (int) s[3]);
            try (TrainableModel model = Models.loadTrainable(Path.of(args[0]), ModelOptions.none())) {
                DjlClassifier clf = new DjlClassifier(model, "fresh", 256);
                for (int arg = 2; arg < args.length; arg++) {
                    int batch = Integer.parseInt(args[arg]);
                    StringBuilder line = new StringBuilder("batch" + batch);
                    for (int l : clf.predictAll(images, batch)) {
                        line.append(' ').append(l);
                    }
                    System.out.println(line);
                }
            }
        } catch (Exception e) {
            System.out.println("error: " + e.getMessage());
            System.exit(1);
        }
    }
}
