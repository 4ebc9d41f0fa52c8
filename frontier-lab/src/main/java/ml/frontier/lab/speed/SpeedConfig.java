package ml.frontier.lab.speed;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link SpeedBenchmark} runs: every model × batch size × variant, {@code repeats} times.
 *
 * @param data "mnist" (embedded 8,000 training digits) or "fashion" (60,000 images), or an IDX dir
 * @param warmupBatches untimed training batches before each timed epoch (JIT and engine warm-up)
 * @param inferBatch batch size of the inference-throughput measurement on the test images
 * @param repeatOffset number given to the first repeat (so interleaved processes do not clash)
 * @param trainSteps directory of {@code <model>.pt} TorchScript train steps for the
 *     {@code torchscript} variant (made by bench/train/make_train_step.py); null when not used
 */
public record SpeedConfig(String data, List<String> models, List<Integer> batches, List<Variant> variants,
                          int repeats, int repeatOffset, int warmupBatches, int inferBatch, float learningRate,
                          long seed, Path out, Path trainSteps) {

    public SpeedConfig {
        models = List.copyOf(models);
        batches = List.copyOf(batches);
        variants = List.copyOf(variants);
        if (models.isEmpty() || batches.isEmpty() || variants.isEmpty()) {
            throw new IllegalArgumentException("need at least one model, one batch size and one variant");
        }
        for (int b : batches) {
            if (b <= 0) {
                throw new IllegalArgumentException("batch sizes must be positive, got " + b);
            }
        }
        if (repeats <= 0) {
            throw new IllegalArgumentException("repeats must be positive, got " + repeats);
        }
        if (warmupBatches < 0 || inferBatch <= 0) {
            throw new IllegalArgumentException("warm-up batches must be >= 0 and the inference batch positive");
        }
        if (variants.contains(Variant.TORCHSCRIPT) && trainSteps == null) {
            throw new IllegalArgumentException("the torchscript variant needs --train-steps DIR (bench/train/make_train_step.py)");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
    }
}
