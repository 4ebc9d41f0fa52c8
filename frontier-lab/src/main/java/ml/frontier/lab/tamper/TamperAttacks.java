package ml.frontier.lab.tamper;

import ml.frontier.attack.Attack;
import ml.frontier.attack.AttackContext;
import ml.frontier.attack.bitflip.BitFlip;
import ml.frontier.attack.finetune.FineTuneMode;
import ml.frontier.attack.finetune.FineTuning;
import ml.frontier.attack.perturb.WeightPerturbation;
import ml.frontier.attack.prune.MagnitudePruning;
import ml.frontier.attack.quantize.Quantization;
import ml.frontier.attack.trojan.NeuronBackdoor;
import ml.frontier.attack.trojan.Trigger;
import ml.frontier.attack.trojan.TriggerPattern;
import ml.frontier.attack.trojan.Trojaning;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.tamper.MarkerSet;
import ml.frontier.tamper.strategy.BisectionStrategy;
import ml.frontier.watermark.Embedder;
import ml.frontier.watermark.FrontierStitching;
import ml.frontier.watermark.KeyGenerator;

import java.util.List;

/**
 * The attacks of the study, from {@code frontier-attacks} and {@code frontier-watermark}:
 * trojaning (4×4 corner square, random target class), quantization to 8 and 4 bits, fine-tuning
 * of all layers (FTAL) on the attacker's third, global magnitude pruning of 25% of the weights,
 * frontier-stitching watermark embedding (key epsilon 0.1, else 0.05, else 0.025 when too few
 * adversaries are found), and one last-layer weight moved by 0.5 — the paper's attacks — and the
 * stronger ones: single bit flips (the lowest exponent bit of one weight: ×2 or ÷2; the highest:
 * one weight becomes enormous), five targeted exponent-bit flips, and fine-tuning that also distils
 * the original model on 600 points near its frontier (an attacker trying to keep the frontier
 * where markers are likely to sit); and a backdoor that adds a hidden unit without touching any
 * existing weight (MLP only), which no label-only marker without the trigger can see.
 */
final class TamperAttacks {

    private TamperAttacks() {}

    static List<LabAttack> of(TamperLabConfig config, TamperNet net) {
        int epochs = config.attackEpochs();
        return List.of(
                new LabAttack("trojan", true, (m, d, s) -> run(Trojaning.builder()
                        .setTrigger(Trigger.corner(4, TriggerPattern.SQUARE, s)).setTargetClass((int) Math.floorMod(s, 10L))
                        .optEpochs(epochs).build(), m, d, s)),
                new LabAttack("quantize-8bit", false, (m, d, s) -> run(Quantization.builder().setBits(8).build(), m, d, s)),
                new LabAttack("quantize-4bit", false, (m, d, s) -> run(Quantization.builder().setBits(4).build(), m, d, s)),
                new LabAttack("finetune", true, (m, d, s) -> run(FineTuning.builder().setMode(FineTuneMode.FTAL)
                        .optEpochs(epochs).build(), m, d, s)),
                new LabAttack("prune-0.25", false, (m, d, s) -> run(MagnitudePruning.builder().setRate(0.25).build(), m, d, s)),
                new LabAttack("watermark", true, (m, d, s) -> watermark(m, d, s, config, net)),
                new LabAttack("perturb-1-weight", true, (m, d, s) -> run(WeightPerturbation.builder().optCount(1)
                        .optAmount(0.5f).optScope(WeightPerturbation.Scope.LAST_LAYER).build(), m, d, s)),
                new LabAttack("bitflip-exp23", true, (m, d, s) -> run(BitFlip.random(1, 23), m, d, s)),
                new LabAttack("bitflip-exp30", true, (m, d, s) -> run(BitFlip.random(1, 30), m, d, s)),
                new LabAttack("bitflip-targeted-5", true, (m, d, s) -> run(BitFlip.targeted(5), m, d, s)),
                new LabAttack("finetune-frontier-distill", true, (m, d, s) -> frontierDistill(m, d, s, epochs)),
                new LabAttack("neuron-backdoor", false, (m, d, s) -> run(new NeuronBackdoor(
                        Trigger.corner(4, TriggerPattern.SQUARE, s), 3, 200f), m, d, s)));
    }

    private static final int DISTILL_POINTS = 600;

    /** FTAL on the attacker's data plus points near the original's frontier, labelled by the original (×3). */
    private static TrainableModel frontierDistill(NetworkModel model, TrainTest data, long seed, int epochs)
            throws FrontierException {
        AttackContext ctx = AttackContext.of(new TrainTest(data.train(), data.test().head(200)), seed, Progress.silent());
        Dataset own = ctx.attackerData();
        MarkerSet near = BisectionStrategy.defaults().generate(new DjlClassifier(model), own.images(), DISTILL_POINTS, seed);
        Dataset points = new Dataset("frontier points", near.images(), near.labels(), own.numClasses());
        Dataset train = own.concat(points).concat(points).concat(points).shuffled(seed);
        return FineTuning.builder().setMode(FineTuneMode.FTAL).optEpochs(epochs).build()
                .apply(model, ctx.withAttackerData(train)).model();
    }

    private static TrainableModel run(Attack attack, NetworkModel model, TrainTest data, long seed) throws FrontierException {
        Dataset smallTest = data.test().head(200);
        AttackContext ctx = AttackContext.of(new TrainTest(data.train(), smallTest), seed, Progress.silent());
        return attack.apply(model, ctx).model();
    }

    private static NetworkModel watermark(NetworkModel base, TrainTest data, long seed, TamperLabConfig config,
                                          TamperNet net) throws FrontierException {
        TrainTest owner = data.ownerAndAttacker(1 / 3.0);
        owner = new TrainTest(owner.train(), data.test().head(200));
        Embedder.Config ec = Embedder.Config.builder().optMaxEpochs(config.attackEpochs()).optPatience(1)
                .optClip(net.clip()).optSeed(seed).build();
        FrontierException last = null;
        for (float eps : new float[] {0.1f, 0.05f, 0.025f}) {
            NetworkModel marked = base.copy();
            try {
                // seeded coins: the lab must be reproducible, and nobody verifies this key
                new FrontierStitching(KeyGenerator.Config.builder().optKeySize(config.watermarkKey()).optEpsilon(eps)
                        .optSeed(seed).optCoinSeed(seed).build(), ec, Progress.silent()).mark(marked, owner);
                return marked.rehash();
            } catch (FrontierException e) {
                marked.close();
                last = e;
            } catch (RuntimeException e) {
                marked.close();
                throw e;
            }
        }
        throw last;
    }
}
