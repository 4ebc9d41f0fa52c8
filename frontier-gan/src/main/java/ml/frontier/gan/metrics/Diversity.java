package ml.frontier.gan.metrics;

/**
 * Within-class diversity: for each class, the mean Euclidean distance between pixel vectors of
 * two different images of that class, then the mean over the classes present. A generator that
 * repeats one image per class scores 0; real MNIST test digits score about 9–10 (see the
 * calibration in the README). Computed in pixels so that it does not depend on the scorer.
 */
public final class Diversity {

    private Diversity() {}

    /** {@code images}: n × dim row-major; {@code labels}: the class of each (requested or true). */
    public static double withinClass(float[] images, int dim, int[] labels, int classes) {
        int n = labels.length;
        if (dim < 1 || images.length != (long) n * dim) {
            throw new IllegalArgumentException(images.length + " floats for " + n + " images of " + dim);
        }
        double total = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            double sum = 0;
            long pairs = 0;
            for (int i = 0; i < n; i++) {
                if (labels[i] != c) {
                    continue;
                }
                for (int j = i + 1; j < n; j++) {
                    if (labels[j] == c) {
                        sum += distance(images, i, j, dim);
                        pairs++;
                    }
                }
            }
            if (pairs > 0) {
                total += sum / pairs;
                present++;
            }
        }
        if (present == 0) {
            throw new IllegalArgumentException("no class has two images: diversity is undefined");
        }
        return total / present;
    }

    private static double distance(float[] x, int i, int j, int dim) {
        double s = 0;
        for (int k = 0; k < dim; k++) {
            double d = x[i * dim + k] - x[j * dim + k];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** The fraction of images the classifier puts in the class that was asked for. */
    public static double agreement(int[] predicted, int[] requested) {
        if (predicted.length != requested.length || predicted.length == 0) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + requested.length + " requests");
        }
        int hit = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == requested[i]) {
                hit++;
            }
        }
        return (double) hit / predicted.length;
    }
}
