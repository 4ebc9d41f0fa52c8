package ml.frontier.serve.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client against stand-ins for other vendors' servers, and against failures. */
class RemoteClassifierTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Triton-style metadata: other names, a flattened input, FP32 logits, extra fields. */
    static final String TRITON_META = "{\"name\":\"digits\",\"versions\":[\"1\"],\"platform\":\"pytorch_libtorch\","
            + "\"inputs\":[{\"name\":\"INPUT__0\",\"datatype\":\"FP32\",\"shape\":[-1,784]}],"
            + "\"outputs\":[{\"name\":\"OUTPUT__0\",\"datatype\":\"FP32\",\"shape\":[-1,10]}],\"extra\":{\"a\":1}}";

    /** Answers nested logits whose arg-max is the image's first pixel × 10. */
    static FakeEndpoint.Reply logits(String body) {
        try {
            JsonNode in = JSON.readTree(body).get("inputs").get(0);
            if (!in.get("name").asText().equals("INPUT__0") || in.get("shape").size() != 2) {
                return new FakeEndpoint.Reply(400, "{\"error\":\"bad input\"}");
            }
            int n = in.get("shape").get(0).asInt();
            StringBuilder data = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int label = (int) Math.round(in.get("data").get(i * 784).asDouble() * 10);
                data.append(i == 0 ? "[" : ",[");
                for (int j = 0; j < 10; j++) {
                    data.append(j == 0 ? "" : ",").append(j == label ? 3.5 : -1.25);
                }
                data.append("]");
            }
            return new FakeEndpoint.Reply(200, "{\"model_name\":\"digits\",\"model_version\":\"1\",\"parameters\":{},"
                    + "\"outputs\":[{\"name\":\"OUTPUT__0\",\"datatype\":\"FP32\",\"shape\":[" + n + ",10],\"data\":[" + data + "]}]}");
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ImageBatch images(int n) {
        ImageBatch b = ImageBatch.zeros(n, ImageShape.MNIST);
        for (int i = 0; i < n; i++) {
            b.data()[i * 784] = (i % 10) / 10f;
        }
        return b;
    }

    static int[] expected(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i % 10;
        }
        return out;
    }

    @Test
    void readsLogitsFromATritonStyleEndpoint() throws Exception {
        try (FakeEndpoint fake = new FakeEndpoint("digits", TRITON_META, RemoteClassifierTest::logits)) {
            RemoteClassifier remote = RemoteClassifier.connect(fake.modelUrl(), null, ClientOptions.defaults().withMaxBatch(7));
            assertEquals(ImageShape.MNIST, remote.inputShape());
            assertEquals(10, remote.numClasses());
            assertArrayEquals(expected(30), remote.predict(images(30)));
            assertEquals(30, remote.queries());
            assertEquals(5, remote.calls());
            assertEquals(5, fake.inferHits.get());
            assertTrue(remote.describe().contains(fake.modelUrl()));
        }
    }

    @Test
    void readsIntegerLabelsAndDefaultsToTenClasses() throws Exception {
        String meta = "{\"name\":\"m\",\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[-1,1,28,28]}],"
                + "\"outputs\":[{\"name\":\"predict\",\"datatype\":\"INT32\",\"shape\":[-1]}]}";
        try (FakeEndpoint fake = new FakeEndpoint("m", meta, body -> new FakeEndpoint.Reply(200,
                "{\"outputs\":[{\"name\":\"predict\",\"datatype\":\"INT32\",\"shape\":[2],\"data\":[7,3]}]}"))) {
            RemoteClassifier remote = RemoteClassifier.connect(fake.modelUrl(), "tok");
            assertEquals(10, remote.numClasses());
            assertArrayEquals(new int[] {7, 3}, remote.predict(images(2)));
            RemoteClassifier three = RemoteClassifier.connect(fake.modelUrl(), null, ClientOptions.defaults().withNumClasses(3));
            FrontierException e = assertThrows(FrontierException.class, () -> three.predict(images(2)));
            assertTrue(e.getMessage().contains("label 7"), e.getMessage());
        }
    }

    @Test
    void variableImageDimensionsAreFilledFromTheShapeOption() throws Exception {
        String variable = TRITON_META.replace("\"shape\":[-1,784]", "\"shape\":[-1,1,-1,-1]");
        try (FakeEndpoint fake = new FakeEndpoint("digits", variable, RemoteClassifierTest::logits)) {
            assertEquals(ImageShape.MNIST, RemoteClassifier.connect(fake.modelUrl(), null).inputShape());
            assertEquals(new ImageShape(1, 20, 20), RemoteClassifier.connect(fake.modelUrl(), null,
                    ClientOptions.defaults().withInputShape(new ImageShape(1, 20, 20))).inputShape());
            FrontierException e = assertThrows(FrontierException.class, () -> RemoteClassifier.connect(fake.modelUrl(), null,
                    ClientOptions.defaults().withInputShape(ImageShape.CIFAR)));
            assertTrue(e.getMessage().contains("variable image dimensions"), e.getMessage());
        }
        String flatVariable = TRITON_META.replace("\"shape\":[-1,784]", "\"shape\":[-1,-1]");
        try (FakeEndpoint fake = new FakeEndpoint("digits", flatVariable, RemoteClassifierTest::logits)) {
            FrontierException e = assertThrows(FrontierException.class, () -> RemoteClassifier.connect(fake.modelUrl(), null));
            assertTrue(e.getMessage().contains("give the image shape"), e.getMessage());
            RemoteClassifier remote = RemoteClassifier.connect(fake.modelUrl(), null, ClientOptions.defaults().withInputShape(ImageShape.MNIST));
            assertArrayEquals(expected(4), remote.predict(images(4)), "sent as [N,784]");
        }
    }

    @Test
    void clientErrorsAreNeverRetriedAndCarryTheServersText() throws Exception {
        for (int status : new int[] {500, 400, 404}) {
            try (FakeEndpoint fake = new FakeEndpoint("digits", TRITON_META,
                    body -> new FakeEndpoint.Reply(status, "{\"error\":\"model exploded\"}"))) {
                RemoteClassifier remote = RemoteClassifier.connect(fake.modelUrl(), null);
                FrontierException e = assertThrows(FrontierException.class, () -> remote.predict(images(3)));
                assertTrue(e.getMessage().contains("HTTP " + status + ": model exploded"), e.getMessage());
                assertEquals(1, fake.inferHits.get(), "HTTP " + status + " must not be retried");
            }
        }
    }

    @Test
    void busyAndGatewayAnswersAreRetriedWithBackoff() throws Exception {
        for (int status : new int[] {429, 502, 503, 504}) {
            java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            try (FakeEndpoint fake = new FakeEndpoint("digits", TRITON_META, body -> calls.incrementAndGet() <= 2
                    ? new FakeEndpoint.Reply(status, "{\"error\":\"scaling from zero\"}") : logits(body))) {
                RemoteClassifier remote = RemoteClassifier.connect(fake.modelUrl(), null,
                        ClientOptions.defaults().withRetries(2, Duration.ofMillis(10)));
                assertArrayEquals(expected(3), remote.predict(images(3)), "HTTP " + status + " twice, then an answer");
                assertEquals(3, fake.inferHits.get());
                calls.set(-100);
                FrontierException e = assertThrows(FrontierException.class, () -> remote.predict(images(1)));
                assertTrue(e.getMessage().contains("HTTP " + status + ": scaling from zero") && e.getMessage().contains("after 3 attempts"),
                        e.getMessage());
            }
        }
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        try (FakeEndpoint fake = new FakeEndpoint("digits", TRITON_META, body -> calls.incrementAndGet() == 1
                ? new FakeEndpoint.Reply(429, "{\"error\":\"slow down\"}", "1") : logits(body))) {
            RemoteClassifier remote = RemoteClassifier.connect(fake.modelUrl(), null,
                    ClientOptions.defaults().withRetries(1, Duration.ofMillis(10)));
            long t0 = System.nanoTime();
            assertArrayEquals(expected(2), remote.predict(images(2)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 1000, "waited the server's Retry-After of 1 s, not the 10 ms backoff: " + ms);
        }
    }

    @Test
    void theOverallDeadlineBoundsRetries() throws Exception {
        try (FakeEndpoint fake = new FakeEndpoint("digits", TRITON_META, body -> new FakeEndpoint.Reply(503, "{\"error\":\"busy\"}"))) {
            RemoteClassifier remote = RemoteClassifier.connect(fake.modelUrl(), null, ClientOptions.defaults()
                    .withRetries(20, Duration.ofMillis(300)).withDeadline(Duration.ofMillis(2500)));
            long t0 = System.nanoTime();
            FrontierException e = assertThrows(FrontierException.class, () -> remote.predict(images(1)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(e.getMessage().contains("overall deadline of 2500 ms"), e.getMessage());
            assertTrue(ms < 5000, "stopped by the deadline, not by 20 retries: " + ms + " ms");
            assertTrue(fake.inferHits.get() >= 2 && fake.inferHits.get() <= 4, "300, 600, 1200 ms backoff: " + fake.inferHits.get());
        }
    }

    @Test
    void extraHeadersIncludingHostReachTheServer() throws Exception {
        try (FakeEndpoint fake = new FakeEndpoint("digits", TRITON_META, RemoteClassifierTest::logits)) {
            RemoteClassifier remote = RemoteClassifier.connect(fake.modelUrl(), "tok", ClientOptions.defaults().withHeaders(
                    java.util.List.of(HttpHeader.parse("Host: digits.models.example.com"), HttpHeader.parse("X-Tenant: lab-7"))));
            assertArrayEquals(expected(2), remote.predict(images(2)));
            assertEquals("digits.models.example.com", fake.lastHeaders.getFirst("Host"));
            assertEquals("lab-7", fake.lastHeaders.getFirst("X-Tenant"));
            assertEquals("Bearer tok", fake.lastHeaders.getFirst("Authorization"));
        }
        assertThrows(IllegalArgumentException.class, () -> HttpHeader.parse("no colon"));
        assertThrows(IllegalArgumentException.class, () -> HttpHeader.parse("Bad Name: x"));
    }

    @Test
    void aClosedPortFailsClearlyAfterBoundedRetries() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        FrontierException e = assertThrows(FrontierException.class, () -> RemoteClassifier.connect(
                "http://127.0.0.1:" + port + "/v2/models/m", null, ClientOptions.defaults().withRetries(2, Duration.ofMillis(20))));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(e.getMessage().contains("cannot connect to http://127.0.0.1:" + port + "/v2") && e.getMessage().contains("after 3 attempts"),
                e.getMessage());
        assertTrue(ms >= 60, "backoff 20 + 40 ms, took " + ms);
    }

    @Test
    void aSlowAnswerTimesOutWithoutRetry() throws Exception {
        try (FakeEndpoint fake = new FakeEndpoint("digits", TRITON_META, body -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return logits(body);
        })) {
            RemoteClassifier remote = RemoteClassifier.connect(fake.modelUrl(), null,
                    ClientOptions.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(200)));
            FrontierException e = assertThrows(FrontierException.class, () -> remote.predict(images(1)));
            assertTrue(e.getMessage().contains("no answer within 200 ms"), e.getMessage());
            assertEquals(1, fake.inferHits.get());
        }
    }

    @Test
    void rejectsWhatIsNotAModelUrlOrDoesNotFit() throws Exception {
        for (String url : new String[] {"localhost:8080", "http://h:1/v1/models/x", "ftp://h/v2/models/x", null}) {
            FrontierException e = assertThrows(FrontierException.class, () -> RemoteClassifier.connect(url, null));
            assertTrue(e.getMessage().contains("not an Open Inference Protocol model URL"), e.getMessage());
        }
        try (FakeEndpoint fake = new FakeEndpoint("digits", TRITON_META, RemoteClassifierTest::logits)) {
            RemoteClassifier remote = RemoteClassifier.connect(fake.modelUrl() + "/", null);
            FrontierException e = assertThrows(FrontierException.class,
                    () -> remote.predict(ImageBatch.zeros(1, ImageShape.CIFAR)));
            assertTrue(e.getMessage().contains("takes 1x28x28"), e.getMessage());
            assertEquals(0, remote.predict(ImageBatch.zeros(0, ImageShape.MNIST)).length);
        }
        String stringsMeta = TRITON_META.replace("\"datatype\":\"FP32\",\"shape\":[-1,784]", "\"datatype\":\"BYTES\",\"shape\":[-1,784]");
        try (FakeEndpoint fake = new FakeEndpoint("digits", stringsMeta, RemoteClassifierTest::logits)) {
            FrontierException e = assertThrows(FrontierException.class, () -> RemoteClassifier.connect(fake.modelUrl(), null));
            assertTrue(e.getMessage().contains("takes BYTES; supported: FP32, FP16, FP64, UINT8, INT64"), e.getMessage());
        }
    }
}
