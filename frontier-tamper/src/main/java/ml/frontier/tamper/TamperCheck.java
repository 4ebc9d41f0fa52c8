package ml.frontier.tamper;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.data.Dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Queries a deployed model with markers in a seeded random order, {@code batchSize} at a time,
 * and stops at the first batch with a moved label or when {@code budget} markers have been
 * queried. Works on any {@link Classifier}: a local model, an ONNX file, a remote API.
 *
 * <pre>{@code
 * TamperReport r = new TamperCheck(10, seed, 1).check(remote, MarkerFile.read(path));
 * }</pre>
 *
 * @param budget the most markers to query (capped by the set's size)
 * @param seed the seed of the query order
 * @param batchSize markers per query call (1 stops exactly at the first moved marker)
 */
public record TamperCheck(int budget, long seed, int batchSize) {

    public TamperCheck {
        if (budget <= 0) {
            throw new IllegalArgumentException("the query budget must be positive, got " + budget);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("the batch size must be positive, got " + batchSize);
        }
    }

    public TamperReport check(Classifier model, MarkerSet markers) throws FrontierException {
        model.checkShape(markers.images(), "the marker set");
        int[] order = Dataset.permutation(markers.size(), new Random(seed));
        int limit = Math.min(budget, markers.size());
        List<TamperReport.Moved> moved = new ArrayList<>();
        int queries = 0;
        while (queries < limit && moved.isEmpty()) {
            int[] idx = java.util.Arrays.copyOfRange(order, queries, Math.min(limit, queries + batchSize));
            int[] got = model.predict(markers.images().select(idx));
            if (got.length != idx.length) {
                throw new FrontierException(model.describe() + " answered " + got.length + " labels for " + idx.length + " images");
            }
            for (int i = 0; i < idx.length; i++) {
                if (got[i] != markers.labels()[idx[i]]) {
                    moved.add(new TamperReport.Moved(idx[i], markers.labels()[idx[i]], got[i]));
                }
            }
            queries += idx.length;
        }
        return new TamperReport(moved.isEmpty() ? TamperReport.Verdict.INTACT : TamperReport.Verdict.TAMPERED,
                queries, limit, markers.size(), moved, model.describe(), seed);
    }
}
