package ml.frontier.lab.watermark;

import ml.frontier.attack.Attack;
import ml.frontier.attack.finetune.FineTuneMode;
import ml.frontier.attack.finetune.FineTuning;
import ml.frontier.attack.prune.MagnitudePruning;
import ml.frontier.attack.quantize.Quantization;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The removal attacks of the study, by report name, all on the attacker's third of the data: the
 * four fine-tuning variants of Adi et al. (2018), short and long; global magnitude pruning at the
 * paper's rates without and with one epoch of fine-tuning; weight quantization to 8, 5 and 4
 * bits; label-only distillation into another architecture.
 */
final class RemovalAttacks {

    private static final double[] PRUNE_RATES = {0.25, 0.5, 0.75, 0.85};
    private static final int[] BITS = {8, 5, 4};

    private RemovalAttacks() {}

    static Map<String, Attack> of(WatermarkLabConfig config, NetSetup student) {
        Map<String, Attack> attacks = new LinkedHashMap<>();
        int e = config.attackEpochs();
        for (FineTuneMode mode : FineTuneMode.values()) {
            int epochs = mode == FineTuneMode.RTLL ? 2 * e : e;
            attacks.put(mode.toString().toLowerCase(Locale.ROOT), fineTune(mode, epochs));
        }
        attacks.put("ftal-long", fineTune(FineTuneMode.FTAL, 4 * e));
        attacks.put("rtal-long", fineTune(FineTuneMode.RTAL, 4 * e));
        for (double rate : PRUNE_RATES) {
            attacks.put(String.format(Locale.ROOT, "prune-%.2f", rate), MagnitudePruning.builder().setRate(rate).build());
            attacks.put(String.format(Locale.ROOT, "prune-%.2f+ft", rate),
                    MagnitudePruning.builder().setRate(rate).optFineTuneEpochs(1).build());
        }
        for (int bits : BITS) {
            attacks.put("quantize-" + bits + "bit", Quantization.builder().setBits(bits).build());
        }
        attacks.put("distill-" + student.architecture(), new Distillation(student));
        return attacks;
    }

    private static Attack fineTune(FineTuneMode mode, int epochs) {
        return FineTuning.builder().setMode(mode).optEpochs(epochs).optLearningRate(1e-3f).build();
    }
}
