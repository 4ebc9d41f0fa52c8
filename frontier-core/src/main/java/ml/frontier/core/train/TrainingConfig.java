package ml.frontier.core.train;

import java.util.function.Predicate;

/**
 * How to train a classifier. Build with {@link #builder()}: {@code optX} for each optional value.
 *
 * @param trainable which parameters (by name) are trained; the others stay frozen (FTLL trains
 *     the last layer only)
 * @param clip element-wise gradient clipping, 0 for none (the IRNN needs it)
 * @param scriptedStep run each step as one scripted call where the network has one
 *     ({@link ScriptedStep}); false keeps the eager, op-by-op loop
 */
public record TrainingConfig(int epochs, int batchSize, float learningRate, long seed, float clip,
                             Predicate<String> trainable, int evalBatchSize, boolean scriptedStep) {

    public TrainingConfig {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (clip < 0) {
            throw new IllegalArgumentException("clip must be >= 0, got " + clip);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().optEpochs(epochs).optBatchSize(batchSize).optLearningRate(learningRate)
                .optSeed(seed).optClip(clip).optTrainable(trainable).optScriptedStep(scriptedStep);
    }

    /**
     * Builder with the defaults: 3 epochs, batch 64, Adam lr 1e-3, seed 1, no clipping, all
     * trainable, scripted steps where the network has one.
     */
    public static final class Builder {
        private int epochs = 3;
        private int batchSize = 64;
        private float learningRate = 1e-3f;
        private long seed = 1;
        private float clip;
        private Predicate<String> trainable = n -> true;
        private boolean scriptedStep = true;

        public Builder optEpochs(int v) {
            epochs = v;
            return this;
        }

        public Builder optBatchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder optLearningRate(float v) {
            learningRate = v;
            return this;
        }

        public Builder optSeed(long v) {
            seed = v;
            return this;
        }

        public Builder optClip(float v) {
            clip = v;
            return this;
        }

        public Builder optTrainable(Predicate<String> v) {
            trainable = v;
            return this;
        }

        public Builder optScriptedStep(boolean v) {
            scriptedStep = v;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(epochs, batchSize, learningRate, seed, clip, trainable, 500, scriptedStep);
        }
    }
}
