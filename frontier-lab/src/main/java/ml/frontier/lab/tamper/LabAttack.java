package ml.frontier.lab.tamper;

import ml.frontier.core.FrontierException;
import ml.frontier.core.data.TrainTest;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;

/**
 * An attack of the study: the owner's model in, an attacked copy out (the caller closes it).
 *
 * @param name report name
 * @param seeded whether the result depends on the seed (a deterministic attack is run once)
 * @param op the transformation
 */
record LabAttack(String name, boolean seeded, Op op) {

    /** Attacks a copy of {@code base}; {@code data} is the owner's train/test split. */
    @FunctionalInterface
    interface Op {
        TrainableModel apply(NetworkModel base, TrainTest data, long seed) throws FrontierException;
    }
}
