package ml.frontier.core.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/** Mini-batches of a dataset in an order shuffled by a seed; the last batch may be short. */
public final class Batches implements Iterable<Dataset> {

    private final Dataset data;
    private final int batchSize;
    private final int[] order;

    public Batches(Dataset data, int batchSize, Random rng) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.order = rng == null ? identity(data.size()) : Dataset.permutation(data.size(), rng);
    }

    public int count() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    @Override
    public Iterator<Dataset> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public Dataset next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(order.length, next + batchSize);
                int[] idx = java.util.Arrays.copyOfRange(order, next, end);
                next = end;
                return data.select(idx);
            }
        };
    }
}
