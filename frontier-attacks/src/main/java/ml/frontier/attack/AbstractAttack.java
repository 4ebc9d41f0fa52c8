package ml.frontier.attack;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.engine.Engines;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.train.Evaluation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shared steps of every attack, as a template: check the model and data fit, measure the
 * original's accuracy, copy the model, run {@link #attack}, measure again, and record the step
 * {@code attack:<name>} (parameters, seed, source hash, accuracy, figures) in the copy's metadata.
 *
 * <p>Subclasses validate their own parameters in their constructors, model-dependent ones in
 * {@link #validate}, both before any work.
 */
public abstract class AbstractAttack implements Attack {

    @Override
    public final AttackResult apply(TrainableModel model, AttackContext context) throws FrontierException {
        checkData(model, context.attackerData(), "attacker data");
        checkData(model, context.test(), "test data");
        validate(model, context);
        Engines.seed(context.seed());
        double before = accuracy(model, context.test());
        String sourceHash = model.sha256();
        TrainableModel copy = model.copy();
        try {
            Map<String, Object> figures = attack(copy, context);
            double after = accuracy(copy, context.test());
            Map<String, Object> params = new TreeMap<>(parameters());
            params.put("seed", context.seed());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("parameters", params);
            details.put("attackerData", context.attackerData().name() + " (" + context.attackerData().size() + " images)");
            details.put("testData", context.test().name() + " (" + context.test().size() + " images)");
            details.put("sourceSha256", sourceHash);
            details.put("accuracyBefore", before);
            details.put("accuracyAfter", after);
            details.put("results", new TreeMap<>(figures));
            copy.setMetadata(copy.metadata()
                    .withAccuracy(copy.metadata().dataset(), Double.isNaN(after) ? copy.metadata().testAccuracy() : after)
                    .withStep("attack:" + name(), details));
            copy.rehash();
            return new AttackResult(name(), copy, before, after, figures, params);
        } catch (FrontierException | RuntimeException | Error e) {
            copy.close();
            throw e;
        }
    }

    /**
     * Checks what depends on the model or data (a trigger that fits the images, a target class the
     * model has…) before any work; throws a {@link FrontierException} naming what is wrong.
     */
    protected void validate(TrainableModel model, AttackContext context) throws FrontierException {}

    /**
     * Attacks {@code copy} in place (it is already a copy of the caller's model) and returns the
     * attack's own figures (JSON-friendly values, none null).
     */
    protected abstract Map<String, Object> attack(TrainableModel copy, AttackContext context) throws FrontierException;

    /** Test accuracy, NaN for an empty test set. */
    protected static double accuracy(TrainableModel model, Dataset test) throws FrontierException {
        return test.size() == 0 ? Double.NaN : Evaluation.accuracy(new DjlClassifier(model), test);
    }

    /** A float parameter as the double it reads as (1e-3f → 0.001, not 0.0010000000474974513). */
    protected static double decimal(float v) {
        return Double.parseDouble(Float.toString(v));
    }

    private static void checkData(TrainableModel model, Dataset data, String what) throws FrontierException {
        if (data.size() > 0 && !data.shape().equals(model.inputShape())) {
            throw new FrontierException(what + " " + data + " does not fit the model's input " + model.inputShape());
        }
        if (data.size() > 0 && data.numClasses() > model.numClasses()) {
            throw new FrontierException(what + " has " + data.numClasses() + " classes, the model " + model.numClasses());
        }
    }

    @Override
    public String toString() {
        return name() + new TreeMap<>(parameters());
    }

    /**
     * Refuses bad retraining options before any work, with one message style for every attack
     * that retrains (fine-tuning, pruning with fine-tuning, trojaning).
     *
     * @param epochsName how the epochs are called in the message ("fine-tuning epochs", …)
     */
    protected static void checkTraining(String epochsName, int epochs, float learningRate, int batchSize) {
        if (epochs < 0) {
            throw new IllegalArgumentException(epochsName + " must be >= 0, got " + epochs);
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
    }
}
