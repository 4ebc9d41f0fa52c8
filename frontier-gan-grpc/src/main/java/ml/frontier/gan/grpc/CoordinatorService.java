package ml.frontier.gan.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import ml.frontier.gan.grpc.proto.Ack;
import ml.frontier.gan.grpc.proto.FeedbackRequest;
import ml.frontier.gan.grpc.proto.HeartbeatReply;
import ml.frontier.gan.grpc.proto.HeartbeatRequest;
import ml.frontier.gan.grpc.proto.JoinRequest;
import ml.frontier.gan.grpc.proto.LeaveRequest;
import ml.frontier.gan.grpc.proto.RelayRequest;
import ml.frontier.gan.grpc.proto.SwapReport;
import ml.frontier.gan.grpc.proto.Task;

import java.util.function.Consumer;

/** The Coordinator service's RPC handlers: they turn calls into registry, round and swap operations and map refusals to statuses. */
final class CoordinatorService implements MdGanRpc.CoordinatorHandler {

    private final WorkerRegistry registry;
    private final FeedbackRound round;
    private final SwapOrchestrator swaps;
    private final boolean peersMustBeReachable;
    private final Consumer<String> log;

    CoordinatorService(WorkerRegistry registry, FeedbackRound round, SwapOrchestrator swaps, boolean peersMustBeReachable,
                       Consumer<String> log) {
        this.registry = registry;
        this.round = round;
        this.swaps = swaps;
        this.peersMustBeReachable = peersMustBeReachable;
        this.log = log;
    }

    @Override
    public void join(JoinRequest r, StreamObserver<Task> tasks) {
        String bad = registry.refusal(r, peersMustBeReachable);
        if (bad != null) {
            tasks.onError(Status.INVALID_ARGUMENT.withDescription(bad).asRuntimeException());
            return;
        }
        if (registry.join(r, (ServerCallStreamObserver<Task>) tasks) == null) {
            tasks.onError(Status.UNAVAILABLE.withDescription("the server is shutting down").asRuntimeException());
        }
    }

    @Override
    public void submitFeedback(FeedbackRequest r, StreamObserver<Ack> reply) {
        answer(round.submit(r, log), reply);
    }

    @Override
    public void reportSwap(SwapReport r, StreamObserver<Ack> reply) {
        answer(swaps.report(r), reply);
    }

    @Override
    public void relayDiscriminator(RelayRequest r, StreamObserver<Ack> reply) {
        answer(swaps.relay(r), reply);
    }

    @Override
    public void heartbeat(HeartbeatRequest r, StreamObserver<HeartbeatReply> reply) {
        boolean known = registry.heartbeat(r.getWorkerId(), r.getSession());
        reply.onNext(HeartbeatReply.newBuilder().setKnown(known).setIteration(registry.lastIteration()).build());
        reply.onCompleted();
    }

    @Override
    public void leave(LeaveRequest r, StreamObserver<Ack> reply) {
        WorkerSession s;
        synchronized (registry.lock()) {
            s = registry.session(r.getWorkerId(), r.getSession());
        }
        if (s != null) {
            registry.drop(s, Status.OK.withDescription("left: " + r.getReason()));
        }
        answer(null, reply);
    }

    private static void answer(Status refusal, StreamObserver<Ack> reply) {
        if (refusal != null) {
            reply.onError(new StatusRuntimeException(refusal));
            return;
        }
        reply.onNext(Ack.getDefaultInstance());
        reply.onCompleted();
    }
}
