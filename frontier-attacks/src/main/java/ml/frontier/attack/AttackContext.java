package ml.frontier.attack;

import ml.frontier.core.data.Dataset;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.progress.Progress;

import java.util.Objects;

/**
 * What an attacker has: its own training data, a test set on which accuracy before and after is
 * measured, a seed for every random choice, and where progress goes.
 *
 * @param attackerData the data the attacker trains on (by default the held-out third of the
 *     training set, disjoint from the owner's, see {@link TrainTest#ownerAndAttacker(double)})
 * @param test the test set for accuracy before/after (may be empty: accuracy is then NaN)
 * @param seed seeds every random choice of the attack
 * @param progress progress of long loops
 */
public record AttackContext(Dataset attackerData, Dataset test, long seed, Progress progress) {

    /** The default share of the training set an attacker holds: a third. */
    public static final double DEFAULT_ATTACKER_FRACTION = 1 / 3.0;

    public AttackContext {
        Objects.requireNonNull(attackerData, "attackerData");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(progress, "progress");
    }

    /** The attacker holds the last third of {@code data}'s training set; accuracy on its test set. */
    public static AttackContext of(TrainTest data, long seed, Progress progress) {
        return of(data, DEFAULT_ATTACKER_FRACTION, seed, progress);
    }

    /**
     * The attacker holds the last {@code attackerFraction} (in (0,1)) of {@code data}'s training
     * set, disjoint from the owner's part; accuracy is measured on its test set.
     */
    public static AttackContext of(TrainTest data, double attackerFraction, long seed, Progress progress) {
        return new AttackContext(data.ownerAndAttacker(attackerFraction).test(), data.test(), seed, progress);
    }

    public AttackContext withAttackerData(Dataset data) {
        return new AttackContext(data, test, seed, progress);
    }

    public AttackContext withTest(Dataset data) {
        return new AttackContext(attackerData, data, seed, progress);
    }

    public AttackContext withSeed(long newSeed) {
        return new AttackContext(attackerData, test, newSeed, progress);
    }

    public AttackContext withProgress(Progress p) {
        return new AttackContext(attackerData, test, seed, p);
    }
}
