package ml.frontier.gan.metrics;

/** Eigenvalues and eigenvectors of a real symmetric matrix by cyclic Jacobi rotations. */
public final class SymmetricEigen {

    private final double[] values;
    private final double[][] vectors;

    /** Decomposes {@code a} (n × n, symmetric; not modified): a = V diag(λ) Vᵀ. */
    public SymmetricEigen(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("matrix is not square");
            }
            m[i] = a[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, diag = 0;
            for (int i = 0; i < n; i++) {
                diag += m[i][i] * m[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += m[i][j] * m[i][j];
                }
            }
            if (off <= 1e-30 * Math.max(diag, 1e-300) || off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] == 0) {
                        continue;
                    }
                    double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++) {
                        double mkp = m[k][p], mkq = m[k][q];
                        m[k][p] = c * mkp - s * mkq;
                        m[k][q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) {
                        double mpk = m[p][k], mqk = m[q][k];
                        m[p][k] = c * mpk - s * mqk;
                        m[q][k] = s * mpk + c * mqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p], vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = m[i][i];
        }
        vectors = v;
    }

    /** λ_i (unsorted). */
    public double[] values() {
        return values.clone();
    }

    /** Column i is the eigenvector of λ_i. */
    public double[][] vectors() {
        return vectors;
    }

    /** V diag(sqrt(max(λ, 0))) Vᵀ: the square root of a positive semi-definite matrix. */
    public double[][] sqrtMatrix() {
        int n = values.length;
        double[][] out = new double[n][n];
        for (int k = 0; k < n; k++) {
            double s = Math.sqrt(Math.max(0, values[k]));
            for (int i = 0; i < n; i++) {
                double vik = vectors[i][k] * s;
                for (int j = 0; j < n; j++) {
                    out[i][j] += vik * vectors[j][k];
                }
            }
        }
        return out;
    }
}
