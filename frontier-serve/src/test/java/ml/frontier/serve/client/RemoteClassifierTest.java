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
    void httpErrorsAreNeverRetriedAndCarryTheServersText() throws Exception {
        for (int status : new int[] {500, 400, 503}) {
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
    void aClosedPortFailsClearlyAfterBoundedRetries() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        FrontierException e = assertThrows(FrontierException.class, () -> RemoteClassifier.connect(
                "http://127.0.0.1:" + port + "/v2/models/m", null, ClientOptions.defaults().withRetries(2, Duration.ofMillis(20))));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(e.getMessage().contains("cannot connect to http://127.0.0.1:" + port + "/v2/models/m after 3 attempts"),
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
        String bytesMeta = TRITON_META.replace("\"datatype\":\"FP32\",\"shape\":[-1,784]", "\"datatype\":\"UINT8\",\"shape\":[-1,784]");
        try (FakeEndpoint fake = new FakeEndpoint("digits", bytesMeta, RemoteClassifierTest::logits)) {
            FrontierException e = assertThrows(FrontierException.class, () -> RemoteClassifier.connect(fake.modelUrl(), null));
            assertTrue(e.getMessage().contains("only FP32"), e.getMessage());
        }
    }
}
