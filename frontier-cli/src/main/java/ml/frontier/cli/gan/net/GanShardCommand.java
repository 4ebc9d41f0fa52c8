package ml.frontier.cli.gan.net;

import ml.frontier.cli.common.DataOption;
import ml.frontier.cli.common.JsonOption;
import ml.frontier.cli.common.SeedOption;
import ml.frontier.gan.grpc.ShardDirectories;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code frontier gan shard}: cuts a dataset into N shard directories, one per worker host. */
@Command(name = "shard",
        description = "Split --data into --shards directories OUT/shard-i (IDX files + marker), as the MD-GAN run with the same --seed splits it.")
public final class GanShardCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    DataOption data;
    @Mixin
    SeedOption seed;
    @Option(names = "--shards", required = true, description = "N, the number of shards.")
    int shards;
    @Option(names = "--out", required = true, description = "Directory to write shard-0 … shard-(N-1) into.")
    Path out;
    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        List<Path> dirs = ShardDirectories.write(data.load(), shards, seed.seed(), out);
        dirs.forEach(d -> json.text().println("wrote " + d));
        json.print(java.util.Map.of("shards", dirs.stream().map(Path::toString).toList(), "seed", seed.seed()));
        return 0;
    }
}
