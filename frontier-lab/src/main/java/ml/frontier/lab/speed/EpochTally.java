package ml.frontier.lab.speed;

import ml.frontier.core.data.Dataset;
import ml.frontier.core.train.StepClock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** What the lab's timed epochs share: the seeded batch order, the clocks and the running totals. */
final class EpochTally {

    final StepClock clock = new StepClock();
    private final long t0 = System.nanoTime();
    private final long cpu0 = clock.now();
    private double lossSum;
    private long correct;
    private long seen;

    /** The epoch's batches as index slices of a seeded permutation; the first {@code maxBatches} when positive. */
    static List<int[]> batches(int size, int batchSize, Random rng, int maxBatches) {
        int[] order = Dataset.permutation(size, rng);
        int n = (size + batchSize - 1) / batchSize;
        if (maxBatches > 0) {
            n = Math.min(n, maxBatches);
        }
        List<int[]> out = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            out.add(Arrays.copyOfRange(order, b * batchSize, Math.min(size, (b + 1) * batchSize)));
        }
        return out;
    }

    /** Adds one step's {mean loss, number correct} over {@code n} images. */
    void add(float[] stats, int n) {
        lossSum += stats[0] * n;
        correct += (long) stats[1];
        seen += n;
    }

    LabTrainer.EpochResult result() {
        double secs = (System.nanoTime() - t0) / 1e9;
        return new LabTrainer.EpochResult(secs, lossSum / Math.max(1, seen), (double) correct / Math.max(1, seen),
                clock.phases((clock.now() - cpu0) / 1e9));
    }
}
