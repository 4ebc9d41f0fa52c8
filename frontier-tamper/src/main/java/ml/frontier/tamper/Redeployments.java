package ml.frontier.tamper;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.model.TrainableModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benign re-deployments of a genuine model, done in this process: batch sizes 1, 64 and 512 and
 * an independent copy of the network ({@link TrainableModel#copy()}) at batch sizes 1 and 64. A
 * marker whose label differs across them would raise false alarms. (Thread counts are fixed per
 * process and HTTP serving lives elsewhere: those re-deployments are checked by running
 * {@code frontier tamper check} in another JVM or against a served model.)
 */
public final class Redeployments {

    private Redeployments() {}

    /** Labels of {@code images} under each in-process re-deployment of {@code model}, by name. */
    public static Map<String, int[]> labels(TrainableModel model, ImageBatch images) throws FrontierException {
        Map<String, int[]> out = new LinkedHashMap<>();
        out.putAll(labels(new DjlClassifier(model, "genuine", 512), images, "genuine"));
        try (TrainableModel copy = model.copy()) {
            DjlClassifier c = new DjlClassifier(copy, "copy", 512);
            out.put("copy/batch1", c.predictAll(images, 1));
            out.put("copy/batch64", c.predictAll(images, 64));
        }
        return out;
    }

    /** Labels of {@code images} from any classifier at batch sizes 1, 64 and 512. */
    public static Map<String, int[]> labels(Classifier model, ImageBatch images, String name) throws FrontierException {
        Map<String, int[]> out = new LinkedHashMap<>();
        out.put(name + "/batch1", model.predictAll(images, 1));
        out.put(name + "/batch64", model.predictAll(images, 64));
        out.put(name + "/batch512", model.predictAll(images, 512));
        return out;
    }

    /** Indices of the markers whose label is {@code expected} under every re-deployment. */
    public static int[] stable(int[] expected, Map<String, int[]> labels) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < expected.length; i++) {
            boolean ok = true;
            for (int[] l : labels.values()) {
                ok &= l[i] == expected[i];
            }
            if (ok) {
                keep.add(i);
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The number of markers whose label moved under at least one re-deployment. */
    public static int unstableCount(int[] expected, Map<String, int[]> labels) {
        return expected.length - stable(expected, labels).length;
    }
}
