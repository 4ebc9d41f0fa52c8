package ml.frontier.serve.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import ml.frontier.serve.OipException;

/** Maps the server's HTTP-style refusals onto gRPC status codes, message unchanged. */
final class GrpcErrors {

    private GrpcErrors() {}

    static StatusRuntimeException toStatus(OipException e) {
        Status s = switch (e.status()) {
            case 400 -> Status.INVALID_ARGUMENT;
            case 401 -> Status.UNAUTHENTICATED;
            case 404 -> Status.NOT_FOUND;
            case 413 -> Status.RESOURCE_EXHAUSTED;
            case 503 -> Status.UNAVAILABLE;
            default -> Status.INTERNAL;
        };
        return s.withDescription(e.getMessage()).asRuntimeException();
    }

    /** The HTTP status a gRPC code stands for, for the request metrics. */
    static int httpStatus(Status.Code code) {
        return switch (code) {
            case OK -> 200;
            case INVALID_ARGUMENT -> 400;
            case UNAUTHENTICATED -> 401;
            case NOT_FOUND -> 404;
            case RESOURCE_EXHAUSTED -> 413;
            case UNAVAILABLE -> 503;
            default -> 500;
        };
    }
}
