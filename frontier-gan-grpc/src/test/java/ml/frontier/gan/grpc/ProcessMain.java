package ml.frontier.gan.grpc;

import ml.frontier.gan.train.GanHyper;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A server or worker process for the multi-process test: {@code server key=value…} or
 * {@code worker key=value…}. Log lines go to stdout.
 */
public final class ProcessMain {

    private ProcessMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            a.put(kv[0], kv[1]);
        }
        java.util.function.Consumer<String> log = s -> {
            System.out.println(s);
            System.out.flush();
        };
        if (args[0].equals("server")) {
            NetRunConfig c = new NetRunConfig("mnist-mlp", Integer.parseInt(a.get("workers")), Integer.parseInt(a.get("batch")),
                    1, 1, 1, true, 3, GanHyper.DEFAULT);
            try (GrpcTransport t = NetLaunch.server(c, Integer.parseInt(a.get("port")), NetSecurity.none(),
                    new GrpcTransport.Options(Long.parseLong(a.get("deadline")), 30_000, 10_000, 60_000), log)) {
                log.accept("listening on port " + t.port());
                NetServer.Result r = new NetServer(t, new NetServer.Options(Long.parseLong(a.get("iterations")),
                        Integer.parseInt(a.get("checkpoint")), Integer.parseInt(a.get("eval")), Path.of(a.get("out")),
                        Boolean.parseBoolean(a.get("resume")), 60_000), log).run();
                log.accept("done: iterations " + r.firstIteration() + ".." + r.lastIteration() + ", dropped " + r.dropped());
            }
        } else {
            NetLaunch.ShardIndex shard = NetLaunch.ShardIndex.parse(a.get("shard"));
            try (NetWorker w = NetLaunch.worker(NetLaunch.HostPort.parse(a.get("server")), a.get("data"), shard, "127.0.0.1", 0,
                    NetSecurity.none(), 60_000, log)) {
                w.run();
                log.accept("worker " + shard.index() + " finished after " + w.iterations() + " iterations");
            }
        }
        System.exit(0);
    }
}
