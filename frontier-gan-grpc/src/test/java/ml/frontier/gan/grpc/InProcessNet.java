package ml.frontier.gan.grpc;

import io.grpc.ManagedChannel;
import io.grpc.ServerBuilder;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;

/** A {@link Connector} over gRPC's in-process transport: hosts are server names, ports are ignored. */
final class InProcessNet implements Connector {

    @Override
    public ManagedChannel channel(String host, int port) {
        return InProcessChannelBuilder.forName(host).directExecutor().maxInboundMessageSize(GrpcTransport.MAX_MESSAGE_BYTES).build();
    }

    @Override
    public ServerBuilder<?> server(String host, int port) {
        return InProcessServerBuilder.forName(host).directExecutor();
    }
}
