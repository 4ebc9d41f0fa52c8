package ml.frontier.gan.grpc;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import ml.frontier.gan.grpc.proto.HeartbeatRequest;
import ml.frontier.gan.grpc.proto.Task;
import ml.frontier.gan.train.GanHyper;
import ml.frontier.gan.transport.Feedback;
import ml.frontier.gan.transport.GeneratedBatches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Coordinator protocol against hand-driven workers, over gRPC's in-process transport. */
class GrpcTransportTest {

    private static final int B = 2;
    private static final int D = 784;
    private final List<AutoCloseable> open = new ArrayList<>();

    private GrpcTransport transport(int workers, long deadlineMs, NetSecurity security) throws Exception {
        NetRunConfig c = new NetRunConfig("mnist-mlp", workers, B, 1, 1, 1, true, 1, GanHyper.DEFAULT);
        String name = "mdgan-test-" + java.util.UUID.randomUUID();
        InProcessServerBuilder sb = InProcessServerBuilder.forName(name).directExecutor();
        if (security.token() != null) {
            sb.intercept(new NetSecurity.TokenCheck(security.token()));
        }
        GrpcTransport t = new GrpcTransport(c, new GrpcTransport.Options(deadlineMs, 5_000, 0, 5_000), s -> { }).serve(sb);
        open.add(t);
        ManagedChannel ch = InProcessChannelBuilder.forName(name).directExecutor().build();
        open.add(ch::shutdownNow);
        channel = ch;
        return t;
    }

    private ManagedChannel channel;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static List<GeneratedBatches> batches(int workers, long iteration) {
        List<GeneratedBatches> out = new ArrayList<>();
        for (int n = 0; n < workers; n++) {
            out.add(new GeneratedBatches(n, iteration, new int[] {B, 1, 28, 28}, new float[B * D], new int[B], new float[B * D], new int[B]));
        }
        return out;
    }

    private static float[] ramp(float start) {
        float[] f = new float[B * D];
        for (int i = 0; i < f.length; i++) {
            f[i] = start + i * 1e-4f;
        }
        return f;
    }

    private FakeWorker join(int id, int shards) throws Exception {
        FakeWorker w = new FakeWorker(channel, id, shards);
        open.add(w);
        Object welcome = w.next();
        assertInstanceOf(Task.class, welcome);
        assertTrue(((Task) welcome).hasWelcome());
        return w;
    }

    @Test
    void feedbackOfTheWrongShapeOrWithNaNIsRefusedAndTheGoodOneIsDelivered() throws Exception {
        GrpcTransport t = transport(1, 10_000, NetSecurity.none());
        FakeWorker w = join(0, 1);
        assertEquals(1, t.awaitWorkers(1, 5_000));
        CompletableFuture<List<Feedback>> result = CompletableFuture.supplyAsync(() -> t.exchange(batches(1, 1)));
        Task task = (Task) w.next();
        assertEquals(1, task.getBatches().getIteration());
        assertEquals(List.of(B, 1, 28, 28), task.getBatches().getXg().getShapeList());

        StatusRuntimeException wrongShape = assertThrows(StatusRuntimeException.class,
                () -> w.feedback(1, Wire.tensor(new float[B * 27 * 28], B, 1, 27, 28)));
        assertEquals(Status.Code.INVALID_ARGUMENT, wrongShape.getStatus().getCode());
        assertTrue(wrongShape.getStatus().getDescription().contains("expected [2, 1, 28, 28]"), wrongShape.getStatus().getDescription());

        float[] nan = ramp(0);
        nan[5] = Float.NaN;
        StatusRuntimeException notFinite = assertThrows(StatusRuntimeException.class, () -> w.feedback(1, Wire.tensor(nan, B, 1, 28, 28)));
        assertEquals(Status.Code.INVALID_ARGUMENT, notFinite.getStatus().getCode());

        StatusRuntimeException truncated = assertThrows(StatusRuntimeException.class, () -> w.feedback(1,
                Wire.tensor(ramp(0), B, 1, 28, 28).toBuilder().setData(com.google.protobuf.ByteString.copyFrom(new byte[10])).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, truncated.getStatus().getCode());

        StatusRuntimeException stale = assertThrows(StatusRuntimeException.class, () -> w.feedback(7, Wire.tensor(ramp(0), B, 1, 28, 28)));
        assertEquals(Status.Code.FAILED_PRECONDITION, stale.getStatus().getCode());
        assertTrue(!result.isDone(), "refused feedback must not complete the iteration");

        w.feedback(1, Wire.tensor(ramp(0.5f), B, 1, 28, 28));
        List<Feedback> f = result.get(10, TimeUnit.SECONDS);
        assertArrayEquals(ramp(0.5f), f.get(0).gradient());
        assertEquals(3, t.refused());
    }

    @Test
    void aSilentWorkerIsDroppedAtTheDeadlineAndTheOthersFeedbackIsAveraged() throws Exception {
        GrpcTransport t = transport(2, 400, NetSecurity.none());
        FakeWorker good = join(0, 2);
        FakeWorker silent = join(1, 2);
        assertEquals(2, t.awaitWorkers(2, 5_000));
        CompletableFuture<List<Feedback>> result = CompletableFuture.supplyAsync(() -> t.exchange(batches(2, 1)));
        good.next();
        silent.next();
        good.feedback(1, Wire.tensor(ramp(1), B, 1, 28, 28));
        List<Feedback> f = result.get(10, TimeUnit.SECONDS);
        // only the worker that answered; MdGanServer averages over the feedback it gets
        assertEquals(1, f.size());
        assertEquals(0, f.get(0).workerId());
        assertArrayEquals(ramp(1), f.get(0).gradient());
        assertArrayEquals(new int[] {0}, t.liveWorkers());
        assertEquals(1, t.dropped());
        Object end = silent.next();
        assertEquals(Status.Code.DEADLINE_EXCEEDED, ((Status) end).getCode());

        // the next iteration goes on with worker 0 alone
        CompletableFuture<List<Feedback>> second = CompletableFuture.supplyAsync(() -> t.exchange(batches(2, 2)));
        assertEquals(2, ((Task) good.next()).getBatches().getIteration());
        good.feedback(2, Wire.tensor(ramp(0), B, 1, 28, 28));
        assertEquals(1, second.get(10, TimeUnit.SECONDS).size());
    }

    @Test
    void joinsThatDoNotFitTheRunAreRefused() throws Exception {
        transport(2, 1_000, NetSecurity.none());
        FakeWorker wrongN = new FakeWorker(channel, 0, 3);
        open.add(wrongN);
        Status s = (Status) wrongN.next();
        assertEquals(Status.Code.INVALID_ARGUMENT, s.getCode());
        assertTrue(s.getDescription().contains("runs 2 workers"), s.getDescription());
        FakeWorker outside = new FakeWorker(channel, 5, 2);
        open.add(outside);
        assertEquals(Status.Code.INVALID_ARGUMENT, ((Status) outside.next()).getCode());
    }

    @Test
    void callsWithoutTheSharedTokenAreUnauthenticated() throws Exception {
        transport(1, 1_000, new NetSecurity("s3cret", null, null, null));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> ClientCalls.blockingUnaryCall(channel,
                MdGanRpc.HEARTBEAT, CallOptions.DEFAULT.withDeadlineAfter(2, TimeUnit.SECONDS), HeartbeatRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        var withToken = io.grpc.ClientInterceptors.intercept(channel, new NetSecurity.TokenAttach("s3cret"));
        assertTrue(!ClientCalls.blockingUnaryCall(withToken, MdGanRpc.HEARTBEAT,
                CallOptions.DEFAULT.withDeadlineAfter(2, TimeUnit.SECONDS), HeartbeatRequest.getDefaultInstance()).getKnown());
        var wrong = io.grpc.ClientInterceptors.intercept(channel, new NetSecurity.TokenAttach("guess"));
        assertEquals(Status.Code.UNAUTHENTICATED, assertThrows(StatusRuntimeException.class, () -> ClientCalls.blockingUnaryCall(wrong,
                MdGanRpc.HEARTBEAT, CallOptions.DEFAULT.withDeadlineAfter(2, TimeUnit.SECONDS), HeartbeatRequest.getDefaultInstance()))
                .getStatus().getCode());
    }
}
