package ml.frontier.core.data;

/** A training set and a disjoint test set. */
public record TrainTest(Dataset train, Dataset test) {

    /**
     * Splits the owner's training data from a disjoint part held by an attacker: the attacker gets
     * the last {@code attackerFraction} of the training set (the papers' "held-out third").
     */
    public TrainTest ownerAndAttacker(double attackerFraction) {
        if (!(attackerFraction > 0 && attackerFraction < 1)) {
            throw new IllegalArgumentException("attacker fraction must be in (0,1), got " + attackerFraction);
        }
        int cut = (int) Math.round(train.size() * (1 - attackerFraction));
        return new TrainTest(train.slice(0, cut).withName(train.name() + "[owner]"),
                train.slice(cut, train.size()).withName(train.name() + "[attacker]"));
    }
}
