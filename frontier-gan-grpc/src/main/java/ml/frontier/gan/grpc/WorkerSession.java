package ml.frontier.gan.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import ml.frontier.gan.grpc.proto.JoinRequest;
import ml.frontier.gan.grpc.proto.Task;

/**
 * The server's side of one worker connection: the worker's join request and the stream its
 * tasks go down. Sends are serialised; once closed, a session sends nothing more.
 */
final class WorkerSession {

    final long id;
    final JoinRequest join;
    private final ServerCallStreamObserver<Task> stream;
    private volatile boolean closed;
    volatile long lastSeenNanos = System.nanoTime();
    /** Whether its discriminator has been trained (it joined with one, received a copy, or answered an iteration). */
    volatile boolean trained;

    WorkerSession(long id, JoinRequest join, ServerCallStreamObserver<Task> stream) {
        this.id = id;
        this.join = join;
        this.stream = stream;
        this.trained = !join.getFresh();
    }

    int worker() {
        return join.getWorkerId();
    }

    boolean closed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    /** Sends {@code task}; false if the session is closed or the stream broke. */
    synchronized boolean send(Task task) {
        if (closed) {
            return false;
        }
        try {
            stream.onNext(task);
            return true;
        } catch (RuntimeException e) {
            closed = true;
            return false;
        }
    }

    /** Ends the stream: normally ({@code status} OK) or with an error status the worker will read. */
    synchronized void close(Status status) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (status.isOk()) {
                stream.onCompleted();
            } else {
                stream.onError(status.asRuntimeException());
            }
        } catch (RuntimeException ignored) {
            // the call is already gone
        }
    }

    String describe() {
        return "worker " + worker() + " (" + join.getHost() + ":" + join.getPeerPort() + ", session " + Long.toHexString(id) + ")";
    }
}
