package ml.frontier.tamper;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.data.Dataset;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Queries a deployed model with markers in a random order, {@code batchSize} at a time, and stops
 * at the first batch with a moved label or when {@code budget} markers have been queried. Works on
 * any {@link Classifier}: a local model, an ONNX file, a remote API.
 *
 * <p>A server that knows which markers come next could answer them from a cache, so the order
 * must be unpredictable: {@link #secure} draws its seed from {@link SecureRandom} (the report
 * records it, so a run can be replayed); a fixed seed is for experiments. Markers a
 * {@link MarkerLedger} lists as revealed are skipped, and each batch is retired before it is sent.
 *
 * <pre>{@code
 * TamperReport r = TamperCheck.secure(10, 1).check(remote, MarkerFile.read(path), MarkerLedger.open(path));
 * }</pre>
 *
 * @param budget the most markers to query (capped by the markers not yet revealed)
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

    /** A check whose query order comes from a cryptographically strong seed. */
    public static TamperCheck secure(int budget, int batchSize) {
        return new TamperCheck(budget, new SecureRandom().nextLong(), batchSize);
    }

    /** A check that may query any marker of the set (no ledger). */
    public TamperReport check(Classifier model, MarkerSet markers) throws FrontierException {
        return run(model, markers, Set.of(), idx -> { });
    }

    /** A check that skips the markers {@code ledger} lists and retires each batch before sending it. */
    public TamperReport check(Classifier model, MarkerSet markers, MarkerLedger ledger) throws FrontierException {
        return run(model, markers, ledger.revealed(), ledger::retire);
    }

    private interface BeforeSend {
        void retire(int[] markers) throws FrontierException;
    }

    private TamperReport run(Classifier model, MarkerSet markers, Set<Integer> revealed, BeforeSend beforeSend)
            throws FrontierException {
        model.checkShape(markers.images(), "the marker set");
        int[] order = Arrays.stream(Dataset.permutation(markers.size(), new Random(seed)))
                .filter(i -> !revealed.contains(i)).toArray();
        if (order.length == 0) {
            throw new FrontierException("all " + markers.size() + " markers were revealed by earlier checks: "
                    + "a server that logged them could answer from a cache; make a new marker set");
        }
        int limit = Math.min(budget, order.length);
        List<TamperReport.Moved> moved = new ArrayList<>();
        int queries = 0;
        while (queries < limit && moved.isEmpty()) {
            int[] idx = Arrays.copyOfRange(order, queries, Math.min(limit, queries + batchSize));
            beforeSend.retire(idx);
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
                queries, limit, markers.size(), moved, model.describe(), seed, order.length);
    }
}
