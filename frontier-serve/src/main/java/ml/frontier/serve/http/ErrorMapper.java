package ml.frontier.serve.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import ml.frontier.serve.OipException;
import ml.frontier.serve.protocol.ErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one exception mapper: every failure becomes an OIP error body
 * {@code {"error": "..."}} with a 4xx for what the client did wrong and a 500 otherwise. Stack
 * traces go to the server log only, never to the client.
 */
final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private static final String HANDLED = "frontier.error";

    private final JsonWriter json;

    ErrorMapper(JsonWriter json) {
        this.json = json;
    }

    /** Javalin's own 404 and 405 (no such route) get an OIP body too. */
    void unmatched(Context ctx) {
        if (ctx.attribute(HANDLED) == null) {
            ctx.attribute(HANDLED, Boolean.TRUE);
            String what = ctx.statusCode() == 405 ? "method not allowed: " : "no such endpoint: ";
            json.write(ctx, new ErrorBody(what + ctx.method() + " " + ctx.path()));
        }
    }

    void handle(Exception e, Context ctx) {
        ctx.attribute(HANDLED, Boolean.TRUE);
        int status;
        String message;
        if (e instanceof OipException oe) {
            status = oe.status();
            message = oe.getMessage();
        } else if (e instanceof HttpResponseException he) {
            status = he.getStatus();
            message = he.getMessage();
        } else if (e instanceof JsonProcessingException je) {
            status = 400;
            message = "malformed JSON: " + je.getOriginalMessage();
        } else {
            status = 500;
            message = "internal server error";
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        }
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        ctx.status(status);
        json.write(ctx, new ErrorBody(message == null ? "HTTP " + status : message));
    }
}
