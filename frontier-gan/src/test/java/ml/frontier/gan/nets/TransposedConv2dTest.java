package ml.frontier.gan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ml.frontier.core.engine.Gradients;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TransposedConv2d} against two independent references: a direct scatter loop written
 * from the definition (every input pixel adds its weighted kernel to the output), and outputs
 * and weight gradients made by PyTorch's {@code ConvTranspose2d} (tools/make-tconv-fixture.py).
 */
class TransposedConv2dTest {

    /** float32 against float64 references on sums of ≤ 75 products of O(1) values. */
    static final double TOLERANCE = 1e-5;

    @Test
    void equalsTheDirectScatterDefinition() {
        Random r = new Random(3);
        int[][] cases = {{2, 3, 4, 3, 2, 5, 2, 2, 1}, {1, 2, 5, 4, 3, 3, 2, 1, 0}, {1, 1, 3, 3, 2, 4, 2, 1, 1}, {2, 2, 3, 2, 2, 3, 1, 1, 0}};
        for (int[] c : cases) {
            Case k = Case.random(r, c);
            double[] expected = scatter(k);
            float[] got = run(k, null).output;
            assertEquals(expected.length, got.length);
            assertTrue(maxDiff(expected, got) < TOLERANCE, "case " + java.util.Arrays.toString(c) + ": " + maxDiff(expected, got));
        }
    }

    @Test
    void equalsPyTorchConvTranspose2dInValueAndWeightGradient() throws IOException {
        List<Case> cases = fixture();
        assertEquals(3, cases.size());
        for (Case k : cases) {
            Result got = run(k, upstream(k.output.length));
            double out = maxDiff(k.output, got.output), grad = maxDiff(k.gradWeight, got.gradWeight);
            assertTrue(out < TOLERANCE, k.name + " output differs by " + out);
            assertTrue(grad < TOLERANCE, k.name + " weight gradient differs by " + grad);
            System.out.printf("transposed conv %s vs PyTorch: output %.2e, weight gradient %.2e%n", k.name, out, grad);
        }
    }

    @Test
    void doublingMapsSevenToFourteenToTwentyEight() {
        TransposedConv2d t = TransposedConv2d.doubling(4);
        assertArrayEquals(new long[] {1, 4, 14, 14}, t.getOutputShapes(new Shape[] {new Shape(1, 8, 7, 7)})[0].getShape());
        assertArrayEquals(new long[] {1, 4, 28, 28}, t.getOutputShapes(new Shape[] {new Shape(1, 8, 14, 14)})[0].getShape());
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> new TransposedConv2d(2, 3, 2, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> new TransposedConv2d(2, 3, 2, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new TransposedConv2d(0, 3, 2, 1, 0));
    }

    /** out[n,o,i·s−P+a, j·s−P+b] += x[n,c,i,j]·w[c,o,a,b], plus the bias, over the output's extent. */
    static double[] scatter(Case k) {
        int ho = (k.h - 1) * k.stride - 2 * k.padding + k.kernel + k.outPad, wo = (k.w - 1) * k.stride - 2 * k.padding + k.kernel + k.outPad;
        double[] out = new double[k.n * k.out * ho * wo];
        for (int n = 0; n < k.n; n++) {
            for (int o = 0; o < k.out; o++) {
                for (int p = 0; p < ho * wo; p++) {
                    out[(n * k.out + o) * ho * wo + p] = k.bias[o];
                }
                for (int c = 0; c < k.c; c++) {
                    for (int i = 0; i < k.h; i++) {
                        for (int j = 0; j < k.w; j++) {
                            double x = k.input[((n * k.c + c) * k.h + i) * k.w + j];
                            for (int a = 0; a < k.kernel; a++) {
                                for (int b = 0; b < k.kernel; b++) {
                                    int y = i * k.stride - k.padding + a, z = j * k.stride - k.padding + b;
                                    if (y >= 0 && y < ho && z >= 0 && z < wo) {
                                        out[((n * k.out + o) * ho + y) * wo + z] += x * k.weight[((c * k.out + o) * k.kernel + a) * k.kernel + b];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The fixture's fixed upstream gradient R = 0.01·(index mod 7 − 3). */
    static float[] upstream(int size) {
        float[] r = new float[size];
        for (int i = 0; i < size; i++) {
            r[i] = 0.01f * (i % 7 - 3);
        }
        return r;
    }

    record Result(float[] output, float[] gradWeight) {}

    /** Forward pass with the case's weights; with {@code r}, also d sum(output·r)/d weight. */
    static Result run(Case k, float[] r) {
        TransposedConv2d block = new TransposedConv2d(k.out, k.kernel, k.stride, k.padding, k.outPad);
        try (Net net = Net.create("t", block, new Shape(1, k.c, k.h, k.w), 1)) {
            net.setValues(new float[][] {toFloat(k.weight), toFloat(k.bias)});
            return Gradients.run(gc -> {
                try (NDManager sub = net.manager().newSubManager()) {
                    NDArray x = sub.create(toFloat(k.input), new Shape(k.n, k.c, k.h, k.w));
                    NDArray y = net.forward(new ParameterStore(sub, false), x, true);
                    float[] out = y.toFloatArray();
                    if (r == null) {
                        return new Result(out, null);
                    }
                    gc.backward(y.mul(sub.create(r, y.getShape())).sum());
                    return new Result(out, net.parameters().get(0).getArray().getGradient().toFloatArray());
                }
            });
        }
    }

    static double maxDiff(double[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    static List<Case> fixture() throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in = TransposedConv2dTest.class.getResourceAsStream("/tconv-fixture.txt")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].startsWith("case ")) {
                    continue;
                }
                String[] h = lines[i].split(" ");
                int[] d = new int[9];
                for (int j = 0; j < 9; j++) {
                    d[j] = Integer.parseInt(h[j + 2]);
                }
                out.add(new Case(h[1], d, values(lines[i + 1], "input"), values(lines[i + 2], "weight"), values(lines[i + 3], "bias"),
                        values(lines[i + 4], "output"), values(lines[i + 5], "grad_weight")));
            }
        }
        return out;
    }

    static double[] values(String line, String key) {
        if (!line.startsWith(key + " ")) {
            throw new IllegalStateException("fixture: expected '" + key + "', got '" + line.substring(0, Math.min(20, line.length())) + "'");
        }
        String[] v = line.substring(key.length() + 1).trim().split(" ");
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.parseDouble(v[i]);
        }
        return out;
    }

    /** One test case: sizes {n, c, h, w, out, kernel, stride, padding, outPad} and the tensors. */
    record Case(String name, int n, int c, int h, int w, int out, int kernel, int stride, int padding, int outPad, double[] input,
                double[] weight, double[] bias, double[] output, double[] gradWeight) {

        Case(String name, int[] d, double[] input, double[] weight, double[] bias, double[] output, double[] gradWeight) {
            this(name, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], input, weight, bias, output, gradWeight);
        }

        static Case random(Random r, int[] d) {
            return new Case("random", d, gauss(r, d[0] * d[1] * d[2] * d[3]), gauss(r, d[1] * d[4] * d[5] * d[5]), gauss(r, d[4]),
                    null, null);
        }

        private static double[] gauss(Random r, int n) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) r.nextGaussian();
            }
            return v;
        }
    }
}
