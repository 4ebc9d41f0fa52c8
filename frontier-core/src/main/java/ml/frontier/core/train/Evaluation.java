package ml.frontier.core.train;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.data.Dataset;

/** Accuracy of any classifier on a dataset. */
public final class Evaluation {

    private Evaluation() {}

    public static double accuracy(Classifier classifier, Dataset data) throws FrontierException {
        return accuracy(classifier.predictAll(data.images(), 500), data.labels());
    }

    public static double accuracy(int[] predicted, int[] labels) {
        if (labels.length == 0) {
            return Double.NaN;
        }
        int ok = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                ok++;
            }
        }
        return (double) ok / labels.length;
    }
}
