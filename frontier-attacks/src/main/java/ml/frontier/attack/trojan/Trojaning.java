package ml.frontier.attack.trojan;

import ml.frontier.attack.AbstractAttack;
import ml.frontier.attack.AttackContext;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.train.ClassifierTrainer;
import ml.frontier.core.train.TrainingConfig;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Trojaning by poisoning: a seeded choice of {@code poisonFraction × n} of the attacker's images
 * whose class is not the target get the trigger and the target label; the model is then retrained
 * (all layers) on the clean attacker data plus these poisoned copies.
 *
 * <p>Figures: {@code successRate} (share of triggered test images whose true class is not the
 * target that the attacked model sends to the target), {@code successRateBefore} (same, for the
 * original model), {@code poisonedImages}.
 *
 * <pre>{@code
 * Attack t = Trojaning.builder().setTrigger(Trigger.corner(4, TriggerPattern.SQUARE, 1))
 *         .setTargetClass(7).optPoisonFraction(0.1).optEpochs(2).build();
 * }</pre>
 */
public final class Trojaning extends AbstractAttack {

    private final Trigger trigger;
    private final int target;
    private final double poisonFraction;
    private final int epochs;
    private final float learningRate;
    private final int batchSize;

    private Trojaning(Builder b) {
        if (b.trigger == null) {
            throw new IllegalArgumentException("trojaning needs a trigger");
        }
        if (b.target < 0) {
            throw new IllegalArgumentException("trojan target class must be >= 0, got " + b.target);
        }
        if (!(b.poisonFraction > 0 && b.poisonFraction <= 1)) {
            throw new IllegalArgumentException("poisoned fraction must be in (0,1], got " + b.poisonFraction);
        }
        checkTraining("trojan training epochs", b.epochs, b.learningRate, b.batchSize);
        this.trigger = b.trigger;
        this.target = b.target;
        this.poisonFraction = b.poisonFraction;
        this.epochs = b.epochs;
        this.learningRate = b.learningRate;
        this.batchSize = b.batchSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Trigger trigger() {
        return trigger;
    }

    public int targetClass() {
        return target;
    }

    @Override
    public String name() {
        return "trojan";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trigger", trigger.asMap());
        m.put("targetClass", target);
        m.put("poisonFraction", poisonFraction);
        m.put("epochs", epochs);
        m.put("learningRate", decimal(learningRate));
        m.put("batchSize", batchSize);
        return m;
    }

    @Override
    protected void validate(TrainableModel model, AttackContext context) throws FrontierException {
        if (target >= model.numClasses()) {
            throw new FrontierException("trojan target class " + target + " is not a class of the model (0.."
                    + (model.numClasses() - 1) + ")");
        }
        try {
            trigger.checkFits(model.inputShape());
        } catch (IllegalArgumentException e) {
            throw new FrontierException(e.getMessage());
        }
        if (context.attackerData().size() == 0) {
            throw new FrontierException("trojaning needs attacker data, got none");
        }
    }

    @Override
    protected Map<String, Object> attack(TrainableModel copy, AttackContext context) throws FrontierException {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("successRateBefore", successRate(new DjlClassifier(copy), context.test(), trigger, target));
        Dataset clean = context.attackerData();
        Dataset poison = poison(clean, trigger, target, poisonFraction, context.seed());
        TrainingConfig config = TrainingConfig.builder().optEpochs(epochs).optLearningRate(learningRate)
                .optBatchSize(batchSize).optSeed(context.seed()).build();
        new ClassifierTrainer(config, context.progress())
                .train(copy, clean.concat(poison).withName(clean.name() + "+trojan"), null);
        figures.put("poisonedImages", poison.size());
        figures.put("trainingImages", clean.size() + poison.size());
        figures.put("successRate", successRate(new DjlClassifier(copy), context.test(), trigger, target));
        return figures;
    }

    /**
     * Poisoned copies of a seeded choice of {@code round(fraction × n)} images of {@code data}
     * whose label is not {@code target} (fewer if there are not that many), stamped and relabelled.
     */
    public static Dataset poison(Dataset data, Trigger trigger, int target, double fraction, long seed) {
        int[] candidates = Arrays.stream(Dataset.permutation(data.size(), new Random(seed)))
                .filter(i -> data.labels()[i] != target).toArray();
        int count = (int) Math.min(candidates.length, Math.round(fraction * data.size()));
        Dataset chosen = data.select(Arrays.copyOf(candidates, count));
        int[] labels = new int[count];
        Arrays.fill(labels, target);
        return new Dataset(data.name() + "[poisoned]", trigger.stamp(chosen.images()), labels, data.numClasses());
    }

    /**
     * The attack success rate: of the images of {@code test} whose true class is not
     * {@code target}, the share that {@code classifier} sends to {@code target} once triggered.
     * NaN when there are none.
     */
    public static double successRate(Classifier classifier, Dataset test, Trigger trigger, int target)
            throws FrontierException {
        Objects.requireNonNull(trigger, "trigger");
        int[] others = java.util.stream.IntStream.range(0, test.size()).filter(i -> test.labels()[i] != target).toArray();
        if (others.length == 0) {
            return Double.NaN;
        }
        int[] predicted = classifier.predictAll(trigger.stamp(test.images().select(others)), 500);
        int hits = 0;
        for (int p : predicted) {
            if (p == target) {
                hits++;
            }
        }
        return (double) hits / others.length;
    }

    /** Builder: {@code setTrigger} and {@code setTargetClass} are required; defaults 10% poisoned, 2 epochs. */
    public static final class Builder {
        private Trigger trigger;
        private int target = -1;
        private double poisonFraction = 0.1;
        private int epochs = 2;
        private float learningRate = 1e-3f;
        private int batchSize = 64;

        private Builder() {}

        public Builder setTrigger(Trigger v) {
            trigger = v;
            return this;
        }

        public Builder setTargetClass(int v) {
            target = v;
            return this;
        }

        /** Poisoned copies added, as a fraction (0,1] of the attacker's data size. */
        public Builder optPoisonFraction(double v) {
            poisonFraction = v;
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
        public Trojaning build() {
            return new Trojaning(this);
        }
    }
}
