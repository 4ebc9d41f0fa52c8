package ml.frontier.serve.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** Writes a value as the JSON response body with the server's own mapper. */
final class JsonWriter {

    private final ObjectMapper mapper;

    JsonWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void write(Context ctx, Object value) {
        try {
            ctx.contentType("application/json").result(mapper.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
