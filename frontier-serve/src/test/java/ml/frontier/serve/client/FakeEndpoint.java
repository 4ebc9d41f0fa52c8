package ml.frontier.serve.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A stand-in for another vendor's OIP server (KServe, Triton, MLServer) on loopback: fixed
 * metadata, an inference function from request body to (status, body), and a hit counter.
 */
final class FakeEndpoint implements AutoCloseable {

    /** An HTTP answer, with a Retry-After header when {@code retryAfter} is not null. */
    record Reply(int status, String body, String retryAfter) {
        Reply(int status, String body) {
            this(status, body, null);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    final AtomicInteger inferHits = new AtomicInteger();
    /** The headers of the latest request (names as the server read them). */
    volatile com.sun.net.httpserver.Headers lastHeaders;
    final String name;

    FakeEndpoint(String name, String metadata, Function<String, Reply> infer) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(pool);
        server.createContext("/v2/models/" + name, ex -> {
            String path = ex.getRequestURI().getPath();
            lastHeaders = ex.getRequestHeaders();
            if (path.endsWith("/infer")) {
                inferHits.incrementAndGet();
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Reply r = infer.apply(body);
                if (r.retryAfter() != null) {
                    ex.getResponseHeaders().add("Retry-After", r.retryAfter());
                }
                send(ex, r.status(), r.body());
            } else {
                send(ex, 200, metadata);
            }
        });
        server.start();
    }

    String modelUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/models/" + name;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
