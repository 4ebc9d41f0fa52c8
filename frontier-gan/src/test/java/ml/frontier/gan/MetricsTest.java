package ml.frontier.gan;

import ml.frontier.gan.metrics.Diversity;
import ml.frontier.gan.metrics.FrechetDistance;
import ml.frontier.gan.metrics.InceptionScore;
import ml.frontier.gan.metrics.SymmetricEigen;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest {

    @Test
    void jacobiFindsKnownEigenvalues() {
        double[] v = new SymmetricEigen(new double[][] {{2, 1}, {1, 2}}).values();
        Arrays.sort(v);
        assertArrayEquals(new double[] {1, 3}, v, 1e-12);
        double[][] s = new SymmetricEigen(new double[][] {{4, 0}, {0, 9}}).sqrtMatrix();
        assertEquals(2, s[0][0], 1e-12);
        assertEquals(3, s[1][1], 1e-12);
    }

    @Test
    void frechetDistanceOfASetToItselfIsZeroAndGrowsWithAShift() {
        Random r = new Random(1);
        int n = 500, d = 16;
        float[] f = new float[n * d];
        float[] g = new float[n * d];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) r.nextGaussian() * (1 + i % d);
            g[i] = f[i] + 1;
        }
        var a = FrechetDistance.Gaussian.fit(f, d);
        assertEquals(0, FrechetDistance.between(a, a), 1e-6);
        assertEquals(d, FrechetDistance.between(a, FrechetDistance.Gaussian.fit(g, d)), 1e-6);
    }

    @Test
    void inceptionScoreLiesBetweenOneAndTheNumberOfClasses() {
        float[] uniform = new float[100 * 10];
        assertEquals(1, InceptionScore.fromLogits(uniform, 10), 1e-9);
        float[] confident = new float[100 * 10];
        for (int i = 0; i < 100; i++) {
            confident[i * 10 + i % 10] = 50;
        }
        assertEquals(10, InceptionScore.fromLogits(confident, 10), 1e-6);
        Random r = new Random(2);
        float[] random = new float[100 * 10];
        for (int i = 0; i < random.length; i++) {
            random[i] = (float) r.nextGaussian() * 3;
        }
        double is = InceptionScore.fromLogits(random, 10);
        assertTrue(is >= 1 && is <= 10, "IS " + is);
    }

    @Test
    void diversityIsZeroForRepeatedImagesAndTheMeanPairDistanceOtherwise() {
        // class 0: two copies of one image; class 1: images 3-4-5 apart on one pixel axis
        float[] x = {1, 0, 1, 0, 0, 0, 3, 0, 0, 4};
        int[] y = {0, 0, 1, 1, 1};
        // class 1 pairs: |0-3|=3, |(0,0)-(0,4)|... computed on 2-pixel images (0,0), (3,0), (0,4): 3, 4, 5 → mean 4
        assertEquals((0 + 4) / 2.0, Diversity.withinClass(x, 2, y, 2), 1e-9);
        assertEquals(0, Diversity.withinClass(new float[] {1, 2, 1, 2}, 2, new int[] {0, 0}, 10), 0);
        assertThrows(IllegalArgumentException.class, () -> Diversity.withinClass(new float[] {1, 2}, 2, new int[] {0}, 10));
        assertEquals(0.5, Diversity.agreement(new int[] {1, 2, 3, 4}, new int[] {1, 2, 0, 0}), 0);
    }
}
