package ml.frontier.attack.bitflip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ml.frontier.attack.AbstractAttack;
import ml.frontier.attack.AttackContext;
import ml.frontier.attack.ModelWeights;
import ml.frontier.core.FrontierException;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.engine.Gradients;
import ml.frontier.core.engine.ParameterFreeze;
import ml.frontier.core.model.TrainableModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Flips bits of float32 weights in place.
 *
 * <ul>
 *   <li>{@link Mode#RANDOM}: bit {@code bit} of {@code count} weights drawn uniformly over every
 *       weight tensor — a memory fault. Bit 23 (lowest exponent bit) doubles or halves the
 *       weight; bit 30 (highest) turns a weight below 2 into one above 10³⁸ or back.</li>
 *   <li>{@link Mode#TARGETED}: the {@code count} (weight, exponent bit 23–26) flips that raise the
 *       cross-entropy on 128 attacker images the most to first order ({@code ∂L/∂w · Δw}), in
 *       the spirit of the progressive bit search of Rakin et al. (ICCV 2019) without its
 *       iterations: an attacker who can flip a few bits and wants them to hurt.</li>
 * </ul>
 *
 * <p>Figure {@code flips}: {@code {parameter, index, bit, before, after}} per flip.
 */
public final class BitFlip extends AbstractAttack {

    /** How the flipped weights are chosen. */
    public enum Mode { RANDOM, TARGETED }

    private static final int[] TARGETED_BITS = {23, 24, 25, 26};
    private static final int GRADIENT_IMAGES = 128;

    private final Mode mode;
    private final int count;
    private final int bit;

    private BitFlip(Mode mode, int count, int bit) {
        if (mode == null || count <= 0 || bit < 0 || bit > 31) {
            throw new IllegalArgumentException("bit flip: need a mode, count > 0 and a bit in 0..31");
        }
        this.mode = mode;
        this.count = count;
        this.bit = bit;
    }

    /** {@code count} random weights, bit {@code bit} flipped in each. */
    public static BitFlip random(int count, int bit) {
        return new BitFlip(Mode.RANDOM, count, bit);
    }

    /** The {@code count} most harmful exponent-bit flips (first order, on the attacker's data). */
    public static BitFlip targeted(int count) {
        return new BitFlip(Mode.TARGETED, count, 23);
    }

    @Override
    public String name() {
        return "bitflip";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode.name().toLowerCase(Locale.ROOT));
        m.put("count", count);
        if (mode == Mode.RANDOM) {
            m.put("bit", bit);
        }
        return m;
    }

    @Override
    protected void validate(TrainableModel model, AttackContext context) throws FrontierException {
        if (count > ModelWeights.count(model)) {
            throw new FrontierException("cannot flip " + count + " weights of " + model.describe());
        }
    }

    private record Flip(String parameter, int index, int bit, double gain) {}

    @Override
    protected Map<String, Object> attack(TrainableModel copy, AttackContext context) throws FrontierException {
        List<Flip> flips = mode == Mode.RANDOM ? randomFlips(copy, context.seed()) : targetedFlips(copy, context);
        Map<String, float[]> edited = new LinkedHashMap<>();
        List<Map<String, Object>> record = new ArrayList<>();
        for (Flip f : flips) {
            float[] w = edited.computeIfAbsent(f.parameter(), copy::values);
            float before = w[f.index()];
            w[f.index()] = flip(before, f.bit());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("parameter", f.parameter());
            r.put("index", f.index());
            r.put("bit", f.bit());
            r.put("before", (double) before);
            r.put("after", (double) w[f.index()]);
            record.add(r);
        }
        edited.forEach(copy::setValues);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("flips", record);
        return figures;
    }

    /** {@code v} with bit {@code bit} of its IEEE-754 representation flipped. */
    public static float flip(float v, int bit) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(v) ^ (1 << bit));
    }

    private List<Flip> randomFlips(TrainableModel model, long seed) {
        List<Flip> out = new ArrayList<>();
        for (ModelWeights.Position p : ModelWeights.pickDistinct(model, ModelWeights.names(model), count, new Random(seed))) {
            out.add(new Flip(p.parameter(), p.index(), bit, 0));
        }
        return out;
    }

    private List<Flip> targetedFlips(TrainableModel model, AttackContext context) throws FrontierException {
        Dataset d = context.attackerData().shuffled(context.seed()).head(GRADIENT_IMAGES);
        Map<String, float[]> grads = lossGradients(model, d);
        List<Flip> all = new ArrayList<>();
        for (var e : grads.entrySet()) {
            float[] w = model.values(e.getKey());
            float[] g = e.getValue();
            // keep only the best flip per weight, then the best weights: a bounded list per tensor
            List<Flip> local = new ArrayList<>();
            for (int i = 0; i < w.length; i++) {
                Flip best = null;
                for (int b : TARGETED_BITS) {
                    float after = flip(w[i], b);
                    double gain = Float.isFinite(after) ? (double) g[i] * (after - w[i]) : Double.NEGATIVE_INFINITY;
                    if (best == null || gain > best.gain()) {
                        best = new Flip(e.getKey(), i, b, gain);
                    }
                }
                local.add(best);
            }
            local.sort(Comparator.comparingDouble(Flip::gain).reversed());
            all.addAll(local.subList(0, Math.min(count, local.size())));
        }
        all.sort(Comparator.comparingDouble(Flip::gain).reversed());
        return all.subList(0, Math.min(count, all.size()));
    }

    /** ∂(mean cross-entropy)/∂w for every weight tensor, on {@code d}. */
    private static Map<String, float[]> lossGradients(TrainableModel model, Dataset d) {
        List<String> names = ModelWeights.names(model).stream().filter(model::isTrainable).toList();
        List<Parameter> params = names.stream().map(model::parameter).toList();
        return ParameterFreeze.unfrozen(params, () -> gradients(model, d, names));
    }

    private static Map<String, float[]> gradients(TrainableModel model, Dataset d, List<String> names) {
        return Gradients.run(gc -> {
            try (NDManager sub = model.manager().newSubManager()) {
                NDArray x = sub.create(d.images().data(), new Shape(d.images().djlShape()));
                NDArray y = sub.create(d.labels());
                NDArray logp = model.logits(new ParameterStore(sub, false), x, false).logSoftmax(1);
                NDArray loss = logp.mul(y.oneHot(model.numClasses())).sum().neg().div(d.size());
                gc.zeroGradients();
                gc.backward(loss);
                Map<String, float[]> out = new LinkedHashMap<>();
                for (String n : names) {
                    Parameter p = model.parameter(n);
                    NDArray g = p.getArray().getGradient();
                    g.attach(sub);
                    out.put(n, g.toFloatArray());
                }
                return out;
            }
        });
    }
}
