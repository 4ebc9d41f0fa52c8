package ml.frontier.gan.metrics;

/**
 * The Inception Score (Salimans et al. 2016) from a classifier's logits:
 * {@code exp(E_x KL(p(y|x) ‖ p(y)))}; between 1 and the number of classes. With our MNIST
 * classifier in place of Inception it is the MD-GAN paper's "MNIST score".
 */
public final class InceptionScore {

    private InceptionScore() {}

    /** {@code logits}: n × classes row-major. */
    public static double fromLogits(float[] logits, int classes) {
        if (classes < 2 || logits.length % classes != 0 || logits.length == 0) {
            throw new IllegalArgumentException("logits of " + logits.length + " floats for " + classes + " classes");
        }
        int n = logits.length / classes;
        double[][] p = new double[n][classes];
        double[] marginal = new double[classes];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[i * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                p[i][c] = Math.exp(logits[i * classes + c] - max);
                sum += p[i][c];
            }
            for (int c = 0; c < classes; c++) {
                p[i][c] /= sum;
                marginal[c] += p[i][c] / n;
            }
        }
        double kl = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                if (p[i][c] > 0) {
                    kl += p[i][c] * (Math.log(p[i][c]) - Math.log(marginal[c]));
                }
            }
        }
        return Math.exp(kl / n);
    }
}
