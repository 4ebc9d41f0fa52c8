package ml.frontier.attack;

import ml.frontier.core.model.TrainableModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which parameters of a network are weights (the tensors pruning, quantization and perturbation
 * touch: not biases, not batch-norm scales, shifts or running statistics), and figures about them.
 */
public final class ModelWeights {

    private ModelWeights() {}

    /** Names of the weight tensors ({@link TrainableModel#isWeight}), in the model's stable order. */
    public static List<String> names(TrainableModel model) {
        List<String> names = new ArrayList<>();
        for (String n : model.parameterNames()) {
            if (model.isWeight(n)) {
                names.add(n);
            }
        }
        return names;
    }

    /** One weight value: its tensor and its index in the flattened tensor. */
    public record Position(String parameter, int index) {}

    /**
     * {@code count} distinct weight values drawn uniformly over the tensors {@code names}
     * (seeded), in tensor order.
     */
    public static List<Position> pickDistinct(TrainableModel model, List<String> names, int count, java.util.Random rng) {
        long[] offsets = new long[names.size() + 1];
        for (int i = 0; i < names.size(); i++) {
            offsets[i + 1] = offsets[i] + model.values(names.get(i)).length;
        }
        java.util.TreeSet<Long> picked = new java.util.TreeSet<>();
        while (picked.size() < count) {
            picked.add((long) (rng.nextDouble() * offsets[names.size()]));
        }
        List<Position> out = new ArrayList<>();
        for (long flat : picked) {
            int t = 0;
            while (offsets[t + 1] <= flat) {
                t++;
            }
            out.add(new Position(names.get(t), (int) (flat - offsets[t])));
        }
        return out;
    }

    /** Names of the last layer's weight tensors. */
    public static List<String> lastLayerNames(TrainableModel model) {
        List<String> names = new ArrayList<>();
        for (String n : names(model)) {
            if (model.isLastLayer(n)) {
                names.add(n);
            }
        }
        return names;
    }

    /** The total number of weight values. */
    public static long count(TrainableModel model) {
        long n = 0;
        for (String name : names(model)) {
            n += model.values(name).length;
        }
        return n;
    }

    /** The fraction of weight values that are exactly zero. */
    public static double sparsity(TrainableModel model) {
        long zeros = 0, total = 0;
        for (String name : names(model)) {
            float[] w = model.values(name);
            zeros += zeros(w);
            total += w.length;
        }
        return total == 0 ? 0 : (double) zeros / total;
    }

    /** Weight tensor name → fraction of exact zeros. */
    public static Map<String, Double> sparsityPerTensor(TrainableModel model) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String name : names(model)) {
            float[] w = model.values(name);
            m.put(name, w.length == 0 ? 0 : (double) zeros(w) / w.length);
        }
        return m;
    }

    /** The number of exact zeros in {@code w}. */
    public static long zeros(float[] w) {
        long z = 0;
        for (float v : w) {
            if (v == 0f) {
                z++;
            }
        }
        return z;
    }

    /** The number of distinct values in {@code w[from..to)} (−0 and +0 count as one). */
    public static int distinctValues(float[] w, int from, int to) {
        float[] s = Arrays.copyOfRange(w, from, to);
        for (int i = 0; i < s.length; i++) {
            s[i] += 0f; // -0 → +0
        }
        Arrays.sort(s);
        int d = 0;
        for (int i = 0; i < s.length; i++) {
            if (i == 0 || Float.compare(s[i], s[i - 1]) != 0) {
                d++;
            }
        }
        return d;
    }

    public static int distinctValues(float[] w) {
        return distinctValues(w, 0, w.length);
    }

    /** The number of values that differ between two snapshots (same names and sizes). */
    public static long changedValues(Map<String, float[]> before, Map<String, float[]> after) {
        long n = 0;
        for (var e : before.entrySet()) {
            float[] a = e.getValue();
            float[] b = after.get(e.getKey());
            for (int i = 0; i < a.length; i++) {
                if (Float.compare(a[i], b[i]) != 0) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Names of the tensors whose values differ between two snapshots. */
    public static List<String> changedTensors(Map<String, float[]> before, Map<String, float[]> after) {
        List<String> names = new ArrayList<>();
        for (var e : before.entrySet()) {
            if (!Arrays.equals(e.getValue(), after.get(e.getKey()))) {
                names.add(e.getKey());
            }
        }
        return names;
    }
}
