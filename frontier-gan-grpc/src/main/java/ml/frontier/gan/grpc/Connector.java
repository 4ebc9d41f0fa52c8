package ml.frontier.gan.grpc;

import io.grpc.ManagedChannel;
import io.grpc.ServerBuilder;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * How a process opens gRPC channels and servers: over the network ({@link #network}) or, in
 * tests, in process. Addresses are {@code host:port} on the network; in process the host is the
 * server's name and the port is ignored.
 */
public interface Connector {

    /** A channel to {@code host} / {@code port}. */
    ManagedChannel channel(String host, int port) throws IOException;

    /** A server builder on {@code port} (0: any free port). */
    ServerBuilder<?> server(String host, int port) throws IOException;

    /** TCP with {@code security}, message sizes up to {@link GrpcTransport#MAX_MESSAGE_BYTES}, keep-alive pings. */
    static Connector network(NetSecurity security) {
        return new Connector() {
            @Override
            public ManagedChannel channel(String host, int port) throws IOException {
                return security.channelBuilder(host + ":" + port).maxInboundMessageSize(GrpcTransport.MAX_MESSAGE_BYTES)
                        .keepAliveTime(30, TimeUnit.SECONDS).build();
            }

            @Override
            public ServerBuilder<?> server(String host, int port) throws IOException {
                return security.serverBuilder(port).maxInboundMessageSize(GrpcTransport.MAX_MESSAGE_BYTES)
                        .permitKeepAliveTime(10, TimeUnit.SECONDS);
            }
        };
    }
}
