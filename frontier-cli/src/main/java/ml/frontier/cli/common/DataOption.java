package ml.frontier.cli.common;

import ml.frontier.core.FrontierException;
import ml.frontier.core.data.DatasetLoader;
import ml.frontier.core.data.TrainTest;
import picocli.CommandLine.Option;

/** {@code --data mnist|fashion|DIR}. */
public final class DataOption {

    @Option(names = "--data", defaultValue = "mnist", paramLabel = "mnist|fashion|DIR",
            description = "Data: 'mnist' (embedded 10k digits), 'fashion' (Debian dataset-fashion-mnist), "
                    + "or a directory of IDX or CIFAR-10 binary files (default: ${DEFAULT-VALUE}).")
    public String data;

    public TrainTest load() throws FrontierException {
        return DatasetLoader.load(data);
    }
}
