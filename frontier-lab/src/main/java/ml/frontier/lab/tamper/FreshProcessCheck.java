package ml.frontier.lab.tamper;

import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.model.Engines;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.tamper.DetectionCurve;
import ml.frontier.tamper.MarkerFile;
import ml.frontier.tamper.MarkerSet;

import java.nio.file.Path;

/**
 * Runs in a separate JVM (started by {@link TamperExperiment} with another thread count): loads a
 * model file, queries it with marker files and prints {@code strategy moved total} per file.
 */
public final class FreshProcessCheck {

    private FreshProcessCheck() {}

    public static void main(String[] args) throws Exception {
        Engines.configureOffline();
        try (NetworkModel model = ModelFile.load(Path.of(args[0]))) {
            DjlClassifier clf = new DjlClassifier(model);
            for (int i = 1; i < args.length; i++) {
                MarkerSet m = MarkerFile.read(Path.of(args[i]));
                int moved = DetectionCurve.moved(m.labels(), clf.predictAll(m.images(), 1));
                System.out.println(m.strategy() + " " + moved + " " + m.size());
            }
        }
    }
}
