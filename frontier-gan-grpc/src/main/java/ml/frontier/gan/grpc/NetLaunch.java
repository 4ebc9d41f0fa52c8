package ml.frontier.gan.grpc;

import ml.frontier.core.FrontierException;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Entry points for the processes: start an MD-GAN server or worker on TCP from command-line
 * style values. The CLI commands ({@code frontier gan server|worker}) and the multi-process
 * tests call these.
 */
public final class NetLaunch {

    private NetLaunch() {}

    /** {@code host:port}, split and checked. */
    public record HostPort(String host, int port) {
        public HostPort {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("no host in the address");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " outside 0-65535");
            }
        }

        public static HostPort parse(String s) {
            int colon = s == null ? -1 : s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1) {
                throw new IllegalArgumentException("expected host:port, got '" + s + "'");
            }
            try {
                return new HostPort(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected host:port, got '" + s + "'");
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** {@code i/N}: shard i of N. */
    public record ShardIndex(int index, int count) {
        public ShardIndex {
            if (count < 1 || index < 0 || index >= count) {
                throw new IllegalArgumentException("shard " + index + "/" + count + ": need 0 <= i < N");
            }
        }

        public static ShardIndex parse(String s) {
            String[] p = s == null ? new String[0] : s.split("/");
            try {
                if (p.length == 2) {
                    return new ShardIndex(Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip()));
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new IllegalArgumentException("expected --shard i/N (e.g. 0/4), got '" + s + "'");
        }
    }

    /** A server transport listening on {@code port} (0: any free port) with {@code security}. */
    public static GrpcTransport server(NetRunConfig config, int port, NetSecurity security, GrpcTransport.Options options,
                                       Consumer<String> log) throws FrontierException {
        try {
            return new GrpcTransport(config, options, log).serve(Connector.network(security).server("0.0.0.0", port));
        } catch (IOException e) {
            throw new FrontierException("cannot listen on port " + port + " (" + e.getMessage() + ")");
        }
    }

    /**
     * A worker for shard {@code shard} of the data {@code dataSpec} ({@code mnist}, {@code fashion},
     * a dataset directory or a shard directory), connecting to {@code server}; peers reach it at
     * {@code advertisedHost:peerPort}.
     */
    public static NetWorker worker(HostPort server, String dataSpec, ShardIndex shard, String advertisedHost, int peerPort,
                                   NetSecurity security, long rejoinWithinMs, Consumer<String> log) throws FrontierException {
        ShardSource data = ShardDirectories.source(dataSpec, shard.index(), shard.count());
        try {
            return new NetWorker(new NetWorker.Options(shard.index(), shard.count(), server.host(), server.port(), advertisedHost,
                    peerPort, 120_000, rejoinWithinMs, 1_000), data, Connector.network(security), log);
        } catch (IOException e) {
            throw new FrontierException("cannot open the worker's peer port " + peerPort + " (" + e.getMessage() + ")");
        }
    }
}
