package ml.frontier.gan.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import ml.frontier.gan.grpc.proto.Ack;
import ml.frontier.gan.grpc.proto.DiscriminatorTransfer;
import ml.frontier.gan.grpc.proto.FeedbackRequest;
import ml.frontier.gan.grpc.proto.HeartbeatReply;
import ml.frontier.gan.grpc.proto.HeartbeatRequest;
import ml.frontier.gan.grpc.proto.JoinRequest;
import ml.frontier.gan.grpc.proto.LeaveRequest;
import ml.frontier.gan.grpc.proto.SwapReport;
import ml.frontier.gan.grpc.proto.Task;

import com.google.protobuf.Message;

/**
 * The gRPC binding of {@code mdgan.proto}, written by hand (no gRPC code generator): one
 * {@link MethodDescriptor} per RPC with protobuf marshallers, and builders of the server-side
 * service definitions from plain handler interfaces.
 */
public final class MdGanRpc {

    /** Full name of the service the MD-GAN server hosts. */
    public static final String COORDINATOR = "frontier.mdgan.v1.Coordinator";
    /** Full name of the service each worker hosts for discriminator swaps. */
    public static final String PEER = "frontier.mdgan.v1.Peer";

    public static final MethodDescriptor<JoinRequest, Task> JOIN =
            method(COORDINATOR, "Join", MethodType.SERVER_STREAMING, JoinRequest.getDefaultInstance(), Task.getDefaultInstance());
    public static final MethodDescriptor<FeedbackRequest, Ack> SUBMIT_FEEDBACK =
            method(COORDINATOR, "SubmitFeedback", MethodType.UNARY, FeedbackRequest.getDefaultInstance(), Ack.getDefaultInstance());
    public static final MethodDescriptor<SwapReport, Ack> REPORT_SWAP =
            method(COORDINATOR, "ReportSwap", MethodType.UNARY, SwapReport.getDefaultInstance(), Ack.getDefaultInstance());
    public static final MethodDescriptor<HeartbeatRequest, HeartbeatReply> HEARTBEAT =
            method(COORDINATOR, "Heartbeat", MethodType.UNARY, HeartbeatRequest.getDefaultInstance(), HeartbeatReply.getDefaultInstance());
    public static final MethodDescriptor<LeaveRequest, Ack> LEAVE =
            method(COORDINATOR, "Leave", MethodType.UNARY, LeaveRequest.getDefaultInstance(), Ack.getDefaultInstance());
    public static final MethodDescriptor<DiscriminatorTransfer, Ack> RECEIVE_DISCRIMINATOR =
            method(PEER, "ReceiveDiscriminator", MethodType.UNARY, DiscriminatorTransfer.getDefaultInstance(), Ack.getDefaultInstance());

    private MdGanRpc() {}

    /** What the server does for each Coordinator RPC. */
    public interface CoordinatorHandler {
        void join(JoinRequest request, StreamObserver<Task> tasks);

        void submitFeedback(FeedbackRequest request, StreamObserver<Ack> reply);

        void reportSwap(SwapReport request, StreamObserver<Ack> reply);

        void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatReply> reply);

        void leave(LeaveRequest request, StreamObserver<Ack> reply);
    }

    /** What a worker does when a peer sends it a discriminator. */
    public interface PeerHandler {
        void receiveDiscriminator(DiscriminatorTransfer request, StreamObserver<Ack> reply);
    }

    public static ServerServiceDefinition coordinator(CoordinatorHandler h) {
        return ServerServiceDefinition.builder(COORDINATOR)
                .addMethod(JOIN, ServerCalls.asyncServerStreamingCall(h::join))
                .addMethod(SUBMIT_FEEDBACK, ServerCalls.asyncUnaryCall(h::submitFeedback))
                .addMethod(REPORT_SWAP, ServerCalls.asyncUnaryCall(h::reportSwap))
                .addMethod(HEARTBEAT, ServerCalls.asyncUnaryCall(h::heartbeat))
                .addMethod(LEAVE, ServerCalls.asyncUnaryCall(h::leave))
                .build();
    }

    public static ServerServiceDefinition peer(PeerHandler h) {
        return ServerServiceDefinition.builder(PEER)
                .addMethod(RECEIVE_DISCRIMINATOR, ServerCalls.asyncUnaryCall(h::receiveDiscriminator))
                .build();
    }

    private static <Q extends Message, R extends Message> MethodDescriptor<Q, R> method(
            String service, String name, MethodType type, Q request, R response) {
        return MethodDescriptor.<Q, R>newBuilder()
                .setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, name))
                .setRequestMarshaller(ProtoUtils.marshaller(request))
                .setResponseMarshaller(ProtoUtils.marshaller(response))
                .build();
    }
}
