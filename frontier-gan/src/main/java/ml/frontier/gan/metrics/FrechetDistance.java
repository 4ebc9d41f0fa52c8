package ml.frontier.gan.metrics;

/**
 * The Fréchet distance between Gaussians fitted to two sets of feature vectors:
 * {@code |μ1 − μ2|² + tr(Σ1) + tr(Σ2) − 2 tr((√Σ1 Σ2 √Σ1)^½)}. The trace of the matrix square root
 * comes from the eigenvalues of the symmetric matrix √Σ1 Σ2 √Σ1 (Jacobi), so no library is needed.
 */
public final class FrechetDistance {

    /** Mean and covariance of a feature set. */
    public record Gaussian(double[] mean, double[][] covariance) {

        /** Fits {@code n × dim} row-major features (covariance with n − 1 in the denominator). */
        public static Gaussian fit(float[] features, int dim) {
            if (dim <= 0 || features.length % dim != 0 || features.length / dim < 2) {
                throw new IllegalArgumentException("need at least 2 feature vectors of size " + dim);
            }
            int n = features.length / dim;
            double[] mu = new double[dim];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < dim; j++) {
                    mu[j] += features[i * dim + j];
                }
            }
            for (int j = 0; j < dim; j++) {
                mu[j] /= n;
            }
            double[][] cov = new double[dim][dim];
            double[] c = new double[dim];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < dim; j++) {
                    c[j] = features[i * dim + j] - mu[j];
                }
                for (int a = 0; a < dim; a++) {
                    for (int b = a; b < dim; b++) {
                        cov[a][b] += c[a] * c[b];
                    }
                }
            }
            for (int a = 0; a < dim; a++) {
                for (int b = a; b < dim; b++) {
                    cov[a][b] /= n - 1;
                    cov[b][a] = cov[a][b];
                }
            }
            return new Gaussian(mu, cov);
        }
    }

    private FrechetDistance() {}

    public static double between(Gaussian g1, Gaussian g2) {
        int d = g1.mean().length;
        if (g2.mean().length != d) {
            throw new IllegalArgumentException("feature sizes differ: " + d + " and " + g2.mean().length);
        }
        double dm = 0, tr = 0;
        for (int i = 0; i < d; i++) {
            double x = g1.mean()[i] - g2.mean()[i];
            dm += x * x;
            tr += g1.covariance()[i][i] + g2.covariance()[i][i];
        }
        double[][] s1 = new SymmetricEigen(g1.covariance()).sqrtMatrix();
        double[][] m = multiply(multiply(s1, g2.covariance()), s1);
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double avg = (m[i][j] + m[j][i]) / 2;
                m[i][j] = avg;
                m[j][i] = avg;
            }
        }
        double trSqrt = 0;
        for (double l : new SymmetricEigen(m).values()) {
            trSqrt += Math.sqrt(Math.max(0, l));
        }
        return Math.max(0, dm + tr - 2 * trSqrt);
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length, k = b.length, m = b[0].length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                double aip = a[i][p];
                if (aip == 0) {
                    continue;
                }
                for (int j = 0; j < m; j++) {
                    out[i][j] += aip * b[p][j];
                }
            }
        }
        return out;
    }
}
