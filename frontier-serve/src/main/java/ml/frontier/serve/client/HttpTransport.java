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
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * HTTP exchanges over {@link HttpClient}: the token, extra headers (Host included), TLS from
 * {@link TlsFiles}, timeouts, and {@link Retrier retries} on connection errors and on
 * 429/502/503/504. Any other HTTP error is never retried: it becomes a
 * {@link FrontierException} carrying the status and the server's error text.
 */
final class HttpTransport {

    /** Statuses that mean "not now" (rate limit, gateway, scaling from zero), worth a retry. */
    static final Set<Integer> RETRY_STATUSES = Set.of(429, 502, 503, 504);

    static {
        // java.net.http refuses a Host header unless this property names it before first use;
        // an ingress routes on Host, so the client must be able to send it.
        String allowed = System.getProperty("jdk.httpclient.allowRestrictedHeaders");
        if (allowed == null || allowed.isBlank()) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        } else if (!allowed.toLowerCase(java.util.Locale.ROOT).contains("host")) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", allowed + ",host");
        }
    }

    /** An answer with a 2xx status. */
    record Answer(byte[] body, java.net.http.HttpHeaders headers) {}

    private final HttpClient http;
    private final ClientOptions options;
    private final String token;
    private final ObjectMapper mapper;
    private final Retrier retrier;

    HttpTransport(ClientOptions options, String token, ObjectMapper mapper) throws FrontierException {
        this.options = options;
        this.token = token;
        this.mapper = mapper;
        this.retrier = new Retrier(options);
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (options.tls() != null) {
            b.sslContext(options.tls().sslContext());
        }
        this.http = b.build();
    }

    Answer get(URI uri, long deadlineNanos) throws FrontierException {
        return send(uri, "GET", null, Map.of(), deadlineNanos);
    }

    Answer post(URI uri, byte[] body, Map<String, String> headers, long deadlineNanos) throws FrontierException {
        return send(uri, "POST", body, headers, deadlineNanos);
    }

    JsonNode json(Answer answer, URI uri) throws FrontierException {
        try {
            return mapper.readTree(answer.body());
        } catch (IOException e) {
            throw new FrontierException(uri + " answered something that is not JSON: " + e.getMessage());
        }
    }

    private Answer send(URI uri, String method, byte[] body, Map<String, String> headers, long deadlineNanos)
            throws FrontierException {
        return retrier.run(method + " " + uri, deadlineNanos, timeout -> {
            HttpRequest request = request(uri, method, body, headers, timeout);
            HttpResponse<byte[]> response = exchange(request, timeout);
            int status = response.statusCode();
            String text = method + " " + uri + " answered HTTP " + status;
            if (RETRY_STATUSES.contains(status)) {
                throw new Retrier.Retryable(text + ": " + errorText(response.body()), retryAfter(response), null);
            }
            if (status >= 300) {
                throw new FrontierException(text + ": " + errorText(response.body()));
            }
            return new Answer(response.body(), response.headers());
        });
    }

    private HttpRequest request(URI uri, String method, byte[] body, Map<String, String> headers, Duration timeout)
            throws FrontierException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            for (HttpHeader h : options.headers()) {
                b.setHeader(h.name(), h.value());
            }
        } catch (IllegalArgumentException e) {
            throw new FrontierException("cannot send the header (" + e.getMessage() + "); a Host header needs "
                    + "-Djdk.httpclient.allowRestrictedHeaders=host on the JVM command line");
        }
        headers.forEach(b::setHeader);
        return body == null ? b.GET().build() : b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private HttpResponse<byte[]> exchange(HttpRequest request, Duration timeout) throws FrontierException, Retrier.Retryable {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new Retrier.Retryable("cannot connect to " + request.uri() + ": " + describe(e), null, e);
        } catch (HttpTimeoutException e) {
            throw new FrontierException(request.uri() + " gave no answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new FrontierException(request.method() + " " + request.uri() + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FrontierException("interrupted while waiting for " + request.uri(), e);
        }
    }

    /** Retry-After in seconds (the date form is ignored), capped at a minute. */
    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::trim).filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Math.min(60, Long.parseLong(v)))).orElse(null);
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
