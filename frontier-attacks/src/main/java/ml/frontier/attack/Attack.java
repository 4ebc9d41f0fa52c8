package ml.frontier.attack;

import ml.frontier.core.FrontierException;
import ml.frontier.core.model.TrainableModel;

import java.util.Map;

/**
 * A transformation of a trained model: the model goes in, an attacked copy comes out.
 *
 * <p>Implementations validate their parameters when they are built (before any work), never
 * change the model they are given, are reproducible for a given {@link AttackContext#seed()}, and
 * record their parameters and results in the new model's metadata history as
 * {@code attack:<name>}. Most extend {@link AbstractAttack}.
 */
public interface Attack {

    /** Short name, used in the history step {@code attack:<name>} ("prune", "quantize", …). */
    String name();

    /** The attack's parameters, for reports and the model's history (JSON-friendly values). */
    Map<String, Object> parameters();

    /**
     * Attacks a copy of {@code model}.
     *
     * @return the attacked copy (the caller owns and closes it) with accuracy before/after on
     *     {@link AttackContext#test()} and the attack's own figures
     * @throws FrontierException when the model or data do not suit the attack (e.g. a trigger
     *     larger than the model's images), or training fails
     */
    AttackResult apply(TrainableModel model, AttackContext context) throws FrontierException;
}
