package ml.frontier.serve.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ml.frontier.core.FrontierException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * JSON over {@link HttpClient} with timeouts and retries on connection errors only (the request
 * never reached the server, so resending is safe). An HTTP error answer is never retried: it
 * becomes a {@link FrontierException} carrying the status and the server's error text.
 */
final class HttpTransport {

    private final HttpClient http;
    private final ClientOptions options;
    private final String token;
    private final ObjectMapper mapper;

    HttpTransport(ClientOptions options, String token, ObjectMapper mapper) {
        this.options = options;
        this.token = token;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    JsonNode get(URI uri) throws FrontierException {
        return send(request(uri).GET().build());
    }

    JsonNode post(URI uri, byte[] json) throws FrontierException {
        return send(request(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build());
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(options.requestTimeout()).header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private JsonNode send(HttpRequest request) throws FrontierException {
        HttpResponse<byte[]> response = exchange(request);
        int status = response.statusCode();
        if (status >= 300) {
            throw new FrontierException(request.method() + " " + request.uri() + " answered HTTP " + status + ": "
                    + errorText(response.body()));
        }
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new FrontierException(request.uri() + " answered something that is not JSON: " + e.getMessage());
        }
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) throws FrontierException {
        long backoff = options.retryBackoff().toMillis();
        int attempts = options.maxRetries() + 1;
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (ConnectException | HttpConnectTimeoutException e) {
                if (attempt >= attempts) {
                    throw new FrontierException("cannot connect to " + request.uri() + " after " + attempts
                            + (attempts == 1 ? " attempt" : " attempts") + ": " + describe(e), e);
                }
                pause(backoff);
                backoff *= 2;
            } catch (HttpTimeoutException e) {
                throw new FrontierException(request.uri() + " gave no answer within " + options.requestTimeout().toMillis()
                        + " ms", e);
            } catch (IOException e) {
                throw new FrontierException(request.method() + " " + request.uri() + " failed: " + describe(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FrontierException("interrupted while waiting for " + request.uri(), e);
            }
        }
    }

    private static void pause(long millis) throws FrontierException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FrontierException("interrupted while retrying", e);
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        if ((m == null || m.isBlank()) && e.getCause() != null) {
            return describe(e.getCause());
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** The server's {"error": "..."} text, or the start of the body. */
    private String errorText(byte[] body) {
        try {
            JsonNode n = mapper.readTree(body);
            if (n != null && n.hasNonNull("error")) {
                return n.get("error").asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through to the raw text
        }
        String s = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        if (s.isEmpty()) {
            return "(empty body)";
        }
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
