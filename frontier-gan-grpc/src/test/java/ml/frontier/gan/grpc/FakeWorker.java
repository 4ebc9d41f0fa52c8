package ml.frontier.gan.grpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import ml.frontier.gan.grpc.proto.Ack;
import ml.frontier.gan.grpc.proto.FeedbackRequest;
import ml.frontier.gan.grpc.proto.JoinRequest;
import ml.frontier.gan.grpc.proto.Task;
import ml.frontier.gan.grpc.proto.Tensor;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A hand-driven worker for protocol tests: joins, reads tasks, sends whatever feedback the test wants. */
final class FakeWorker implements AutoCloseable {

    final ManagedChannel channel;
    final int id;
    final BlockingQueue<Object> tasks = new LinkedBlockingQueue<>();
    final ClientCall<JoinRequest, Task> call;
    long session;

    FakeWorker(ManagedChannel channel, int id, int shards) {
        this.channel = channel;
        this.id = id;
        this.call = channel.newCall(MdGanRpc.JOIN, CallOptions.DEFAULT);
        ClientCalls.asyncServerStreamingCall(call, JoinRequest.newBuilder().setWorkerId(id).setShards(shards).setShardSize(100)
                .setHost("fake" + id).setPeerPort(0).setFresh(true).build(), new StreamObserver<>() {
                    @Override
                    public void onNext(Task t) {
                        tasks.add(t);
                    }

                    @Override
                    public void onError(Throwable t) {
                        tasks.add(Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {
                        tasks.add(Status.OK);
                    }
                });
    }

    /** The next task (or the Status the stream ended with). */
    Object next() throws InterruptedException {
        Object o = tasks.poll(20, TimeUnit.SECONDS);
        if (o == null) {
            throw new AssertionError("worker " + id + ": no task within 20 s");
        }
        if (o instanceof Task t && t.hasWelcome()) {
            session = t.getWelcome().getSession();
        }
        return o;
    }

    Ack feedback(long iteration, Tensor gradient) {
        return ClientCalls.blockingUnaryCall(channel, MdGanRpc.SUBMIT_FEEDBACK, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
                FeedbackRequest.newBuilder().setWorkerId(id).setSession(session).setIteration(iteration).setGradient(gradient).build());
    }

    @Override
    public void close() {
        call.cancel("test over", null);
    }
}
