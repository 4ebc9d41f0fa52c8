package ml.frontier.cli.gan.net;

import ml.frontier.cli.common.DataOption;
import ml.frontier.gan.grpc.NetLaunch;
import ml.frontier.gan.grpc.NetWorker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code frontier gan worker}: an MD-GAN worker next to its data shard. */
@Command(name = "worker",
        description = "Run an MD-GAN worker: joins the server, trains its discriminator on its shard, swaps it with peers, "
                + "rejoins after a server restart; exits when the server ends the run.")
public final class GanWorkerCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    DataOption data;
    @Mixin
    NetOptions net;
    @Option(names = "--server", required = true, paramLabel = "HOST:PORT", description = "The MD-GAN server.")
    String server;
    @Option(names = "--shard", required = true, paramLabel = "i/N", description = "This worker's shard (a shard directory in --data is used whole).")
    String shard;
    @Option(names = "--port", defaultValue = "0", description = "Port for peer discriminator swaps (default: any free port).")
    int port;
    @Option(names = "--advertise", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Host name or address at which the other workers reach this one (default: ${DEFAULT-VALUE}; set it on multi-host runs).")
    String advertise;
    @Option(names = "--rejoin-ms", defaultValue = "600000", description = "Keep trying to reach a lost server this long (default: ${DEFAULT-VALUE}).")
    long rejoinMs;

    @Override
    public Integer call() throws Exception {
        var log = NetOptions.printer(spec.commandLine().getOut());
        NetLaunch.ShardIndex s = NetLaunch.ShardIndex.parse(shard);
        try (NetWorker w = NetLaunch.worker(NetLaunch.HostPort.parse(server), data.data, s, advertise, port, net.security(),
                rejoinMs, log)) {
            log.accept("worker " + s.index() + "/" + s.count() + ": peer port " + w.peerPort() + ", server " + server);
            w.run();
            log.accept("worker " + s.index() + ": done after " + w.iterations() + " iterations");
        }
        return 0;
    }
}
