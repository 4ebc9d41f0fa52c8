package ml.frontier.lab.watermark;

import ml.frontier.core.FrontierException;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.NetworkModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Trained models of the study, kept as model files under the output directory: a model that is
 * there is loaded instead of trained again, which is what lets an interrupted run resume.
 */
final class ModelCache {

    /** Training work that may fail. */
    interface Training {
        NetworkModel train() throws FrontierException;
    }

    private final Path dir;

    ModelCache(Path dir) {
        this.dir = dir;
    }

    /** The model called {@code name}: loaded if cached, else trained and saved (atomically). */
    NetworkModel get(String name, Training training) throws FrontierException {
        Path f = file(name);
        if (Files.exists(f)) {
            return ModelFile.load(f);
        }
        NetworkModel m = training.train();
        try {
            Files.createDirectories(f.getParent());
            ModelFile.save(m, f);
        } catch (IOException e) {
            m.close();
            throw new FrontierException(f + ": cannot cache the model (" + e.getMessage() + ")");
        }
        return m;
    }

    /** The cached model called {@code name} (check {@link #has} first). */
    NetworkModel load(String name) throws FrontierException {
        return ModelFile.load(file(name));
    }

    boolean has(String name) {
        return Files.exists(file(name));
    }

    private Path file(String name) {
        return dir.resolve(name.replaceAll("[^A-Za-z0-9._=-]+", "_") + ".model");
    }
}
