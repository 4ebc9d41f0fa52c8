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
 * The removal attacks of the study, by report name: the four fine-tuning variants of Adi et al.
 * (2018) on the attacker's third of the data, global magnitude pruning without retraining at the
 * paper's rates, and per-tensor weight quantization.
 */
final class RemovalAttacks {

    private RemovalAttacks() {}

    static Map<String, Attack> of(WatermarkLabConfig config) {
        Map<String, Attack> attacks = new LinkedHashMap<>();
        for (FineTuneMode mode : FineTuneMode.values()) {
            int epochs = mode == FineTuneMode.RTLL ? 2 * config.attackEpochs() : config.attackEpochs();
            attacks.put(mode.toString(), FineTuning.builder().setMode(mode).optEpochs(epochs).optLearningRate(1e-3f).build());
        }
        for (double rate : config.pruneRates()) {
            attacks.put(String.format(Locale.ROOT, "prune-%.2f", rate), MagnitudePruning.builder().setRate(rate).build());
        }
        for (int bits : config.quantBits()) {
            attacks.put("quantize-" + bits + "bit", Quantization.builder().setBits(bits).build());
        }
        return attacks;
    }
}
