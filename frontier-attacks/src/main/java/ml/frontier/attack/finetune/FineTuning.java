package ml.frontier.attack.finetune;

import ml.frontier.attack.AbstractAttack;
import ml.frontier.attack.AttackContext;
import ml.frontier.attack.ModelWeights;
import ml.frontier.core.FrontierException;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.train.ClassifierTrainer;
import ml.frontier.core.train.TrainingConfig;
import ml.frontier.core.train.TrainingReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fine-tunes a copy of the model on the attacker's data ({@link AttackContext#attackerData()})
 * in one of the four modes of Adi et al. (2018): FTLL, FTAL, RTLL, RTAL.
 *
 * <p>Re-initialisation (RT*) draws the last layer's weights from a seeded normal distribution with
 * Xavier/Glorot variance {@code 2 / (fanIn + fanOut)} and sets its biases to zero. Training is
 * {@link ClassifierTrainer}'s Adam on cross-entropy; *LL modes train only the parameters for which
 * {@link TrainableModel#isLastLayer} holds.
 *
 * <pre>{@code
 * Attack ft = FineTuning.builder().setMode(FineTuneMode.RTAL).optEpochs(5).build();
 * }</pre>
 */
public final class FineTuning extends AbstractAttack {

    private final FineTuneMode mode;
    private final int epochs;
    private final float learningRate;
    private final int batchSize;

    private FineTuning(Builder b) {
        if (b.mode == null) {
            throw new IllegalArgumentException("fine-tuning needs a mode (ftll, ftal, rtll or rtal)");
        }
        checkTraining("fine-tuning epochs", b.epochs, b.learningRate, b.batchSize);
        this.mode = b.mode;
        this.epochs = b.epochs;
        this.learningRate = b.learningRate;
        this.batchSize = b.batchSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    public FineTuneMode mode() {
        return mode;
    }

    @Override
    public String name() {
        return "finetune";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode.toString());
        m.put("epochs", epochs);
        m.put("learningRate", decimal(learningRate));
        m.put("batchSize", batchSize);
        return m;
    }

    @Override
    protected void validate(TrainableModel model, AttackContext context) throws FrontierException {
        if (epochs > 0 && context.attackerData().size() == 0) {
            throw new FrontierException("fine-tuning needs attacker data, got none");
        }
    }

    @Override
    protected Map<String, Object> attack(TrainableModel copy, AttackContext context) throws FrontierException {
        Map<String, float[]> before = copy.snapshot();
        Map<String, Object> figures = new LinkedHashMap<>();
        if (mode.reinitialize()) {
            figures.put("reinitialized", reinitializeLastLayer(copy, context.seed()));
        }
        TrainingConfig config = TrainingConfig.builder()
                .optEpochs(epochs).optLearningRate(learningRate).optBatchSize(batchSize).optSeed(context.seed())
                .optTrainable(mode.lastLayerOnly() ? copy::isLastLayer : name -> true)
                .build();
        TrainingReport report = new ClassifierTrainer(config, context.progress()).train(copy, context.attackerData(), null);
        Map<String, float[]> after = copy.snapshot();
        figures.put("changedTensors", ModelWeights.changedTensors(before, after));
        figures.put("changedValues", ModelWeights.changedValues(before, after));
        figures.put("attackerImages", context.attackerData().size());
        if (!report.epochs().isEmpty()) {
            TrainingReport.Epoch last = report.epochs().get(report.epochs().size() - 1);
            figures.put("finalTrainLoss", last.loss());
            figures.put("finalTrainAccuracy", last.trainAccuracy());
        }
        figures.put("trainingSeconds", report.seconds());
        return figures;
    }

    /**
     * Gives the last layer fresh values: weights ~ N(0, 2/(fanIn+fanOut)) from a generator seeded
     * with {@code seed}, biases 0. Returns the names of the re-initialised parameters.
     */
    public static List<String> reinitializeLastLayer(TrainableModel model, long seed) {
        Random rng = new Random(seed);
        List<String> names = new ArrayList<>();
        for (String n : model.parameterNames()) {
            if (!model.isLastLayer(n) || !model.isTrainable(n)) {
                continue;
            }
            long[] shape = model.shape(n);
            float[] v = new float[model.values(n).length];
            if (model.isWeight(n)) {
                long fanOut = shape[0];
                long fanIn = shape.length > 1 ? v.length / shape[0] : 1;
                double std = Math.sqrt(2.0 / (fanIn + fanOut));
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (rng.nextGaussian() * std);
                }
            }
            model.setValues(n, v);
            names.add(n);
        }
        return names;
    }

    /** Builder: {@code setMode} is required; defaults 5 epochs, learning rate 1e-3, batch 64. */
    public static final class Builder {
        private FineTuneMode mode;
        private int epochs = 5;
        private float learningRate = 1e-3f;
        private int batchSize = 64;

        private Builder() {}

        public Builder setMode(FineTuneMode v) {
            mode = v;
            return this;
        }

        public Builder optEpochs(int v) {
            epochs = v;
            return this;
        }

        public Builder optLearningRate(float v) {
            learningRate = v;
            return this;
        }

        public Builder optBatchSize(int v) {
            batchSize = v;
            return this;
        }

        /** Validates and builds; throws {@link IllegalArgumentException} naming a bad parameter. */
        public FineTuning build() {
            return new FineTuning(this);
        }
    }
}
