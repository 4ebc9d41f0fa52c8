package ml.frontier.tamper;

import ml.frontier.core.FrontierException;
import ml.frontier.core.model.TrainableModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses markers that together catch as many perturbed copies as possible: each candidate's
 * label is taken on every copy of a {@link PerturbationZoo}, then markers are added greedily by
 * how much they raise {@code Σ_copies min(moved_c, target)}, with {@code target = ⌈share × count⌉}
 * (a copy on which that share of markers moved is caught within 10 queries with probability
 * ≥ 0.999 for share 0.5). Capping the count spreads markers over copies instead of piling them on
 * the easiest one. When no candidate adds anything, the rest are filled by how many copies they
 * catch. Candidates reaching this step have passed the margin floor and every benign
 * re-deployment, so those are the negatives the selection cannot trade away.
 *
 * @param zoo the perturbed copies
 * @param factor screened candidates per marker
 * @param share the share of markers that should move on each copy
 */
public record CoverageSelection(PerturbationZoo zoo, int factor, double share) implements MarkerSelection {

    public CoverageSelection {
        if (factor < 1 || !(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("coverage selection: need factor >= 1 and 0 < share <= 1");
        }
    }

    /** The default zoo, 3 candidates per marker, half the markers moved on each copy. */
    public static CoverageSelection defaults() {
        return new CoverageSelection(PerturbationZoo.defaults(), 3, 0.5);
    }

    @Override
    public String name() {
        return "coverage";
    }

    @Override
    public int candidates(int count) {
        return count * factor;
    }

    @Override
    public int[] choose(TrainableModel model, MarkerSet screened, int count, long seed) throws FrontierException {
        if (screened.size() <= count) {
            return MarkerSelection.range(screened.size());
        }
        List<int[]> copies = zoo.labels(model, screened.images(), seed);
        return choose(screened.labels(), copies, count, (int) Math.ceil(share * count));
    }

    /** The greedy choice, on labels already taken: {@code count} indices into {@code expected}. */
    static int[] choose(int[] expected, List<int[]> copies, int count, int target) {
        int n = expected.length;
        boolean[][] moved = new boolean[n][copies.size()];
        int[] total = new int[n];
        for (int c = 0; c < copies.size(); c++) {
            int[] l = copies.get(c);
            for (int i = 0; i < n; i++) {
                moved[i][c] = l[i] != expected[i];
                total[i] += moved[i][c] ? 1 : 0;
            }
        }
        int[] covered = new int[copies.size()];
        boolean[] taken = new boolean[n];
        List<Integer> out = new ArrayList<>();
        while (out.size() < Math.min(count, n)) {
            int best = -1;
            int bestGain = 0;
            for (int i = 0; i < n; i++) {
                if (taken[i]) {
                    continue;
                }
                int gain = 0;
                for (int c = 0; c < covered.length; c++) {
                    gain += moved[i][c] && covered[c] < target ? 1 : 0;
                }
                if (gain > bestGain || gain == bestGain && gain > 0 && total[i] > total[best]) {
                    best = i;
                    bestGain = gain;
                }
            }
            if (best < 0) {
                for (int i = 0; i < n; i++) {
                    if (!taken[i] && (best < 0 || total[i] > total[best])) {
                        best = i;
                    }
                }
            }
            taken[best] = true;
            out.add(best);
            for (int c = 0; c < covered.length; c++) {
                covered[c] += moved[best][c] ? 1 : 0;
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
