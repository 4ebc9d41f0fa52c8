package ml.frontier.serve.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load generator: {@code connections} threads, each with one request in
 * flight, POST prepared bodies for {@code seconds}. An answer other than 200 is an error.
 */
final class HttpLoad {

    private HttpLoad() {}

    static BenchResult run(String inferUrl, String token, List<byte[]> bodies, int batch, int connections, double seconds)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(inferUrl);
        List<HttpRequest> requests = new ArrayList<>();
        for (byte[] body : bodies) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            requests.add(b.build());
        }
        long end = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong errors = new AtomicLong();
        List<Latencies> all = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        double cpu0 = BenchResult.processCpuSeconds();
        long t0 = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            Latencies lat = new Latencies();
            all.add(lat);
            int offset = c;
            Thread w = new Thread(() -> {
                for (int i = offset; System.nanoTime() < end; i++) {
                    long s = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = http.send(requests.get(i % requests.size()), HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                            continue;
                        }
                    } catch (java.io.IOException e) {
                        errors.incrementAndGet();
                        continue;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    lat.add(System.nanoTime() - s);
                }
            }, "load-" + c);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double cpu = BenchResult.processCpuSeconds() - cpu0;
        Latencies merged = new Latencies();
        all.forEach(merged::addAll);
        return new BenchResult("http-java", batch, connections, elapsed, merged.size(), errors.get(),
                merged.quantileMillis(0.5), merged.quantileMillis(0.99), cpu);
    }
}
