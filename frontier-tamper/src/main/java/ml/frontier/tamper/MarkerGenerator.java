package ml.frontier.tamper;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.tamper.benign.BenignSuite;
import ml.frontier.tamper.benign.InProcess;
import ml.frontier.tamper.benign.Redeployment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a marker set that raises no false alarms. It asks a {@link MarkerStrategy} for
 * candidates, rejects those whose margin is below the {@link MarginFloor} (white box only) and
 * those whose label moves under any benign re-deployment of the {@link BenignSuite}, asks for
 * more until enough remain, then lets the {@link MarkerSelection} pick the final set. The marker
 * file records what was checked ({@link Acceptance}).
 *
 * <pre>{@code
 * MarkerSet markers = new MarkerGenerator(MarkerStrategies.byName("portfolio"), Progress.silent())
 *         .withSelection(CoverageSelection.defaults())
 *         .generate(model, testImages, 100, seed);
 * }</pre>
 */
public final class MarkerGenerator {

    private static final int MAX_ROUNDS = 6;

    private final MarkerStrategy strategy;
    private final Progress progress;
    private final MarkerSelection selection;
    private final BenignSuite suite;
    private final MarginFloor floor;

    /** First-made selection, the full benign suite, the default floor. */
    public MarkerGenerator(MarkerStrategy strategy, Progress progress) {
        this(strategy, progress, MarkerSelection.first(), BenignSuite.full(), MarginFloor.defaults());
    }

    private MarkerGenerator(MarkerStrategy strategy, Progress progress, MarkerSelection selection, BenignSuite suite,
                            MarginFloor floor) {
        this.strategy = strategy;
        this.progress = progress;
        this.selection = selection;
        this.suite = suite;
        this.floor = floor;
    }

    public MarkerGenerator withSelection(MarkerSelection s) {
        return new MarkerGenerator(strategy, progress, s, suite, floor);
    }

    public MarkerGenerator withSuite(BenignSuite s) {
        return new MarkerGenerator(strategy, progress, selection, s, floor);
    }

    public MarkerGenerator withFloor(MarginFloor f) {
        return new MarkerGenerator(strategy, progress, selection, suite, f);
    }

    /** Markers for a model held here (white box): margin floor, the whole suite, then the selection. */
    public MarkerSet generate(TrainableModel model, ImageBatch pool, int count, long seed) throws FrontierException {
        DjlClassifier clf = new DjlClassifier(model, model.describe(), 512);
        List<Redeployment> checks = new ArrayList<>(suite.inProcess(model));
        Redeployment fresh = suite.fresh(model);
        if (fresh != null) {
            checks.add(fresh);
        }
        Screened s = collect(clf, pool, selection.candidates(count), count, seed, checks, model);
        int[] keep = selection.choose(model, s.set, count, seed);
        MarkerSet chosen = s.set.select(keep);
        float[] margins = new float[keep.length];
        double ratio = Double.POSITIVE_INFINITY;
        for (int i = 0; i < keep.length; i++) {
            margins[i] = s.margins[keep[i]];
            ratio = Math.min(ratio, s.margins[keep[i]] / s.floors[keep[i]]);
        }
        Acceptance a = new Acceptance(s.names, suite.notChecked(model), floor, s.candidates, s.belowFloor, s.moved,
                Acceptance.quantiles(margins), ratio);
        return chosen.withAcceptance(a).withModelSha256(model.sha256()).withPreprocessing(model.preprocessing());
    }

    /** Markers for any classifier (e.g. remote): checked at batch sizes 1 to 1024 only. */
    public MarkerSet generate(Classifier model, ImageBatch pool, int count, long seed) throws FrontierException {
        Screened s = collect(model, pool, count, count, seed, List.of(new InProcess(model)), null);
        
        MarkerSet chosen = s.set.size() > count ? s.set.select(MarkerSelection.range(count)) : s.set;
        double[] nan = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        Acceptance a = new Acceptance(s.names, List.of("label-only model: no margin floor, rounding, ONNX Runtime or "
                + "fresh-process checks (check the served model itself)"), null, s.candidates, 0, s.moved, nan, Double.NaN);
        return chosen.withAcceptance(a);
    }

    /** The screened candidates, with (white box) each one's margin and floor. */
    private record Screened(MarkerSet set, List<String> names, int candidates, int belowFloor, int moved,
                            float[] margins, float[] floors) {}

    private Screened collect(Classifier model, ImageBatch pool, int want, int least, long seed, List<Redeployment> checks,
                             TrainableModel whiteBox) throws FrontierException {
        if (least <= 0) {
            throw new IllegalArgumentException("marker count must be positive, got " + least);
        }
        MarkerSet out = null;
        float[] margins = new float[0];
        float[] floors = new float[0];
        Set<String> names = new LinkedHashSet<>();
        int candidates = 0;
        int belowFloor = 0;
        int moved = 0;
        progress.start(strategy.name() + " markers", want);
        for (int round = 0; round < MAX_ROUNDS && (out == null || out.size() < want); round++) {
            int need = want - (out == null ? 0 : out.size());
            int ask = round == 0 ? need : need + Math.max(2, need / 4);
            MarkerSet got = strategy.generate(model, pool, ask, seed + 1_000_003L * round);
            candidates += got.size();
            if (got.size() == 0) {
                continue;
            }
            float[][] mf = {new float[got.size()], new float[got.size()]};
            if (whiteBox != null) {
                int[] keep = aboveFloor(whiteBox, got, mf);
                belowFloor += got.size() - keep.length;
                got = got.select(keep);
                mf = new float[][] {pick(mf[0], keep), pick(mf[1], keep)};
            }
            Map<String, int[]> labels = new LinkedHashMap<>();
            for (Redeployment r : checks) {
                if (got.size() > 0) {
                    for (var e : r.labels(got.images()).entrySet()) {
                        labels.put(r.name() + "/" + e.getKey(), e.getValue());
                    }
                }
            }
            names.addAll(labels.keySet());
            int[] keep = stable(got.labels(), labels);
            moved += got.size() - keep.length;
            if (keep.length > need) {
                keep = Arrays.copyOf(keep, need);
            }
            MarkerSet stable = got.select(keep);
            out = out == null ? stable : out.concat(stable);
            margins = concat(margins, pick(mf[0], keep));
            floors = concat(floors, pick(mf[1], keep));
            progress.update(out.size(), out.size() + "/" + want + " screened");
        }
        if (out == null || out.size() < least) {
            throw new FrontierException("strategy '" + strategy.name() + "' found only "
                    + (out == null ? 0 : out.size()) + " markers that pass the margin floor and every benign "
                    + "re-deployment, of the " + least + " asked for: give a larger image pool or fewer markers");
        }
        progress.finish(out.size() + " screened " + strategy.name() + " markers");
        return new Screened(new MarkerSet(out.images(), out.labels(), strategy.name(), strategy.parameters(), "", seed,
                null), List.copyOf(names), candidates, belowFloor, moved, margins, floors);
    }

    /** Indices of the proposals at or above their floor; fills each one's margin and floor into {@code mf}. */
    private int[] aboveFloor(TrainableModel model, MarkerSet got, float[][] mf) {
        MarginSensitivity[] s = MarginSensitivity.of(model, got.images());
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            mf[0][i] = s[i].margin();
            mf[1][i] = (float) floor.floor(s[i]);
            if (s[i].label() == got.labels()[i] && floor.accepts(s[i])) {
                keep.add(i);
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    private static float[] pick(float[] v, int[] idx) {
        float[] out = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Indices of the markers whose label is {@code expected} under every re-deployment. */
    public static int[] stable(int[] expected, Map<String, int[]> labels) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < expected.length; i++) {
            boolean ok = true;
            for (int[] l : labels.values()) {
                ok &= l[i] == expected[i];
            }
            if (ok) {
                keep.add(i);
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }
}
