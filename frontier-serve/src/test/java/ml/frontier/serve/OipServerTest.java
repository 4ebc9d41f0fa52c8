package ml.frontier.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.CountingClassifier;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.testing.TestModels;
import ml.frontier.serve.client.ClientOptions;
import ml.frontier.serve.client.RemoteClassifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real server on loopback with a real model, driven by raw HTTP and the real client. */
class OipServerTest {

    static final String TOKEN = "s3cret-token";
    static final ObjectMapper JSON = new ObjectMapper();

    static NetworkModel model;
    static DjlClassifier classifier;
    static OipServer server;
    static Http http;
    static Http anonymous;

    @BeforeAll
    static void start() throws Exception {
        model = SharedModel.mlp();
        classifier = new DjlClassifier(model);
        server = OipServer.builder()
                .addModel("mlp", classifier)
                .addModel("blackbox", new CountingClassifier(classifier))
                .optToken(TOKEN)
                .optGrpcPort(0)
                .build().start();
        http = new Http(server.baseUrl(), TOKEN);
        anonymous = new Http(server.baseUrl(), null);
    }

    @AfterAll
    static void stop() {
        server.close();
        server.close();
    }

    static String image(int n, float value) {
        return IntStream.range(0, n * 784).mapToObj(i -> Float.toString(value)).collect(Collectors.joining(","));
    }

    static String request(String shape, String datatype, String data) {
        return "{\"inputs\":[{\"name\":\"input\",\"shape\":" + shape + ",\"datatype\":\"" + datatype + "\",\"data\":[" + data + "]}]}";
    }

    @Test
    void healthNeedsNoTokenAndEverythingElseDoes() throws Exception {
        assertEquals(200, anonymous.get("/v2/health/live").status());
        assertEquals(200, anonymous.get("/v2/health/ready").status());
        for (String path : new String[] {"/v2/models/mlp", "/v2/models/mlp/ready", "/metrics", "/v2"}) {
            Http.Answer a = anonymous.get(path);
            assertEquals(401, a.status(), path);
            assertTrue(JSON.readTree(a.body()).get("error").asText().contains("Bearer"), a.body());
        }
        Http.Answer infer = anonymous.post("/v2/models/mlp/infer", request("[1,784]", "FP32", image(1, 0.5f)));
        assertEquals(401, infer.status());
        Http.Answer wrong = new Http(server.baseUrl(), "not-the-token").get("/v2/models/mlp");
        assertEquals(401, wrong.status());
        assertEquals("invalid bearer token", JSON.readTree(wrong.body()).get("error").asText());
        Http.Answer basic = anonymous.send(anonymous.builder("/v2/models/mlp").header("Authorization", "Basic abc").GET().build());
        assertEquals(401, basic.status());
        assertEquals(200, http.get("/v2/models/mlp/ready").status());
        assertThrows(FrontierException.class, () -> RemoteClassifier.connect(server.modelUrl("mlp"), "wrong"));
    }

    @Test
    void metadataDescribesInputsAndOutputs() throws Exception {
        JsonNode m = JSON.readTree(http.get("/v2/models/mlp").body());
        assertEquals("mlp", m.get("name").asText());
        assertEquals("frontier-djl", m.get("platform").asText());
        assertEquals("[-1,1,28,28]", m.get("inputs").get(0).get("shape").toString());
        assertEquals("FP32", m.get("inputs").get(0).get("datatype").asText());
        assertEquals("label", m.get("outputs").get(0).get("name").asText());
        assertEquals("INT64", m.get("outputs").get(0).get("datatype").asText());
        assertEquals("[-1,10]", m.get("outputs").get(1).get("shape").toString());
        JsonNode bb = JSON.readTree(http.get("/v2/models/blackbox").body());
        assertEquals(1, bb.get("outputs").size(), "a black box has no probabilities");
        assertEquals(200, http.get("/v2/models/mlp/versions/1").status());
        assertEquals(404, http.get("/v2/models/mlp/versions/7").status());
    }

    @Test
    void labelsOverJsonBinaryAndGrpcEqualInProcessLabelsForTheWholeTestSet() throws Exception {
        Dataset test = TestModels.test(2000);
        int[] local = classifier.predict(test.images());
        long[] sent = new long[3];
        for (String name : new String[] {"mlp", "blackbox"}) {
            RemoteClassifier[] remotes = {
                    RemoteClassifier.connect(server.modelUrl(name), TOKEN, ClientOptions.defaults().withWire(ClientOptions.Wire.JSON)),
                    RemoteClassifier.connect(server.modelUrl(name), TOKEN),
                    RemoteClassifier.connect(server.grpcModelUrl(name), TOKEN)};
            String[] encodings = {"REST JSON", "REST binary", "gRPC"};
            for (int i = 0; i < remotes.length; i++) {
                try (RemoteClassifier remote = remotes[i]) {
                    assertEquals(encodings[i], remote.encoding(), "the server lists the binary extension");
                    assertEquals(10, remote.numClasses());
                    assertEquals(test.shape(), remote.inputShape());
                    long before = remote.bytesSent();
                    assertArrayEquals(local, remote.predict(test.images()), name + " " + encodings[i]);
                    assertEquals(2000, remote.queries());
                    assertEquals(8, remote.calls(), "2000 images in batches of 256");
                    sent[i] = remote.bytesSent() - before;
                    System.out.printf(Locale.ROOT, "%s %s: 2000 images, %d bytes sent, %d received (metadata included)%n",
                            name, encodings[i], remote.bytesSent(), remote.bytesReceived());
                }
            }
        }
        long raw = 2000L * 784 * 4;
        assertTrue(sent[1] >= raw && sent[1] < raw * 1.01, "binary carries 4 bytes a pixel plus small headers: " + sent[1]);
        assertTrue(sent[2] >= raw && sent[2] < raw * 1.01, "gRPC carries 4 bytes a pixel plus small headers: " + sent[2]);
        assertTrue(sent[0] > 1.2 * sent[1], "JSON text is larger than binary: " + sent[0] + " vs " + sent[1]);
    }

    @Test
    void serverMetadataListsTheBinaryExtensionAndTheLimits() throws Exception {
        JsonNode m = JSON.readTree(http.get("/v2").body());
        assertEquals("binary_tensor_data", m.get("extensions").get(0).asText());
        assertEquals(1024, m.get("limits").get("max_batch").asInt());
        assertEquals(16L << 20, m.get("limits").get("max_body_bytes").asLong());
    }

    /** A binary-extension body written by hand from the spec: JSON header, then little-endian floats. */
    static byte[] binaryBody(String header, float[] values, int extraBytes) {
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(h.length + values.length * 4 + extraBytes)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(h);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static Http.Answer postBinary(byte[] body, String headerLength) throws Exception {
        return http.send(http.builder("/v2/models/mlp/infer").header("Content-Type", "application/octet-stream")
                .header("Inference-Header-Content-Length", headerLength)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    @Test
    void binaryRequestsAndResponsesFollowTheExtension() throws Exception {
        Dataset two = TestModels.test(2);
        String header = "{\"inputs\":[{\"name\":\"input\",\"shape\":[2,784],\"datatype\":\"FP32\","
                + "\"parameters\":{\"binary_data_size\":6272}}],\"outputs\":[{\"name\":\"label\",\"parameters\":{\"binary_data\":true}},"
                + "{\"name\":\"probabilities\"}]}";
        int headerLength = header.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        java.net.http.HttpRequest request = http.builder("/v2/models/mlp/infer").header("Inference-Header-Content-Length",
                "" + headerLength).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(binaryBody(header,
                two.images().data(), 0))).build();
        java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), new String(r.body()));
        int answerHeader = Integer.parseInt(r.headers().firstValue("Inference-Header-Content-Length").orElseThrow());
        JsonNode json = JSON.readTree(Arrays.copyOf(r.body(), answerHeader));
        JsonNode label = json.get("outputs").get(0);
        assertEquals(16, label.get("parameters").get("binary_data_size").asInt(), json.toString());
        assertFalse(label.has("data"));
        assertEquals(r.body().length, answerHeader + 16);
        java.nio.ByteBuffer labels = java.nio.ByteBuffer.wrap(r.body(), answerHeader, 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int[] expected = classifier.predict(two.images());
        assertEquals(expected[0], labels.getLong());
        assertEquals(expected[1], labels.getLong());
        assertEquals(20, json.get("outputs").get(1).get("data").size(), "probabilities asked without binary_data stay JSON");

        Object[][] bad = {
                {binaryBody(header.replace("6272", "6000"), two.images().data(), 0), "" + headerLength, "needs 6272 bytes"},
                {binaryBody(header, two.images().data(), 8), "" + headerLength, "8 bytes after the JSON header belong to no input"},
                {binaryBody(header, new float[10], 0), "" + headerLength, "only 40 follow"},
                {binaryBody(header, two.images().data(), 0), "99999", "body holds"},
                {binaryBody(header, two.images().data(), 0), "abc", "must be a byte count"},
                {binaryBody(header, two.images().data(), 0), "" + (headerLength - 3), "malformed JSON"},
        };
        for (Object[] c : bad) {
            Http.Answer a = postBinary((byte[]) c[0], (String) c[1]);
            assertEquals(400, a.status(), a.body());
            assertTrue(JSON.readTree(a.body()).get("error").asText().contains((String) c[2]), c[2] + " -> " + a.body());
        }
    }

    @Test
    void aWrongMethodOnAKnownPathIs405() throws Exception {
        Http.Answer get = http.send(http.builder("/v2/models/mlp/infer").GET().build());
        assertEquals(405, get.status(), get.body());
        assertEquals("method not allowed: GET /v2/models/mlp/infer", JSON.readTree(get.body()).get("error").asText());
        assertEquals(405, http.send(http.builder("/v2/health/ready").DELETE().build()).status());
        assertEquals(404, http.send(http.builder("/v2/nothing/here").DELETE().build()).status());
    }

    @Test
    void inferAnswersLabelsAndProbabilitiesForFlatOrNestedData() throws Exception {
        Dataset two = TestModels.test(2);
        float[] probs = classifier.probabilities(two.images());
        int[] labels = classifier.predict(two.images());
        StringBuilder nested = new StringBuilder();
        for (int n = 0; n < 2; n++) {
            nested.append(n == 0 ? "[[" : ",[[");
            for (int h = 0; h < 28; h++) {
                float[] row = Arrays.copyOfRange(two.images().data(), n * 784 + h * 28, n * 784 + h * 28 + 28);
                nested.append(h == 0 ? "[" : ",[");
                for (int w = 0; w < 28; w++) {
                    nested.append(w == 0 ? "" : ",").append(row[w]);
                }
                nested.append("]");
            }
            nested.append("]]");
        }
        String body = "{\"id\":\"req-7\",\"parameters\":{\"x\":1},\"inputs\":[{\"name\":\"input\",\"shape\":[2,1,28,28],"
                + "\"datatype\":\"FP32\",\"data\":[" + nested + "],\"parameters\":{}}]}";
        Http.Answer a = http.post("/v2/models/mlp/infer", body);
        assertEquals(200, a.status(), a.body());
        JsonNode r = JSON.readTree(a.body());
        assertEquals("mlp", r.get("model_name").asText());
        assertEquals("req-7", r.get("id").asText());
        JsonNode label = r.get("outputs").get(0);
        assertEquals("label", label.get("name").asText());
        assertEquals("INT64", label.get("datatype").asText());
        assertEquals("[2]", label.get("shape").toString());
        assertEquals(labels[0], label.get("data").get(0).asInt());
        assertEquals(labels[1], label.get("data").get(1).asInt());
        JsonNode p = r.get("outputs").get(1);
        assertEquals("probabilities", p.get("name").asText());
        assertEquals("[2,10]", p.get("shape").toString());
        for (int i = 0; i < 20; i++) {
            assertEquals(probs[i], p.get("data").get(i).floatValue(), 1e-6);
        }
        String flat = Arrays.toString(two.images().data()).replace("[", "").replace("]", "");
        Http.Answer onlyLabel = http.post("/v2/models/mlp/infer",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[2,784],\"datatype\":\"FP32\",\"data\":[" + flat + "]}],"
                        + "\"outputs\":[{\"name\":\"label\"}]}");
        JsonNode o = JSON.readTree(onlyLabel.body()).get("outputs");
        assertEquals(1, o.size());
        assertEquals("[" + labels[0] + "," + labels[1] + "]", o.get(0).get("data").toString());
        assertFalse(JSON.readTree(onlyLabel.body()).has("id"));
    }

    @Test
    void everyBadInputGetsTheRight4xxWithAnOipErrorBody() throws Exception {
        String ok = image(1, 0.5f);
        Object[][] cases = {
                {"{\"inputs\": [", 400, "malformed JSON"},
                {"not json at all", 400, "malformed JSON"},
                {"[1,2,3]", 400, "JSON object"},
                {"{}", 400, "no \"inputs\""},
                {"{\"inputs\":[]}", 400, "exactly one input"},
                {request("[1,784]", "INT64", ok), 400, "datatype INT64"},
                {request("[1,784]", "BYTES", ok), 400, "datatype BYTES"},
                {request("[1,3,28,28]", "FP32", ok), 400, "shape [1, 3, 28, 28]"},
                {request("[1,783]", "FP32", ok), 400, "shape [1, 783]"},
                {request("[784]", "FP32", ok), 400, "shape [784]"},
                {request("[2,784]", "FP32", ok), 400, "holds 784 values but shape [2, 784] needs 1568"},
                {request("[1,784]", "FP32", ok + ",0.5"), 400, "holds 785 values"},
                {request("[1,784]", "FP32", "NaN," + image(1, 0.5f).substring(4)), 400, "non-finite"},
                {request("[1,784]", "FP32", "Infinity," + image(1, 0.5f).substring(4)), 400, "non-finite"},
                {request("[1,784]", "FP32", "-Infinity," + image(1, 0.5f).substring(4)), 400, "non-finite"},
                {request("[1,784]", "FP32", "1e999," + image(1, 0.5f).substring(4)), 400, "non-finite"},
                {request("[1,784]", "FP32", "\"NaN\"," + image(1, 0.5f).substring(4)), 400, "non-finite"},
                {request("[1,784]", "FP32", "\"0.5\"," + image(1, 0.5f).substring(4)), 400, "must hold numbers"},
                {request("[1,784]", "FP32", "true," + image(1, 0.5f).substring(4)), 400, "must hold numbers"},
                {request("[1,784]", "FP32", "null," + image(1, 0.5f).substring(4)), 400, "must hold numbers"},
                {request("[1,784]", "FP32", "{}," + image(1, 0.5f).substring(4)), 400, "must hold numbers"},
                {request("[0,784]", "FP32", ""), 400, "empty batch"},
                {request("[0,1,28,28]", "FP32", ""), 400, "empty batch"},
                {request("[-1,784]", "FP32", ok), 400, "negative"},
                {request("[1.5,784]", "FP32", ok), 400, "array of integers"},
                {request("[1,784]", "FP32", ok).replace("]}]}", "]}],\"outputs\":[{\"name\":\"logits\"}]}"), 400, "no output 'logits'"},
                {request("[2000,784]", "FP32", ok), 413, "limit of 1024"},
        };
        for (Object[] c : cases) {
            Http.Answer a = http.post("/v2/models/mlp/infer", (String) c[0]);
            String what = ((String) c[0]).substring(0, Math.min(80, ((String) c[0]).length()));
            assertEquals((int) c[1], a.status(), what + " -> " + a.body());
            assertTrue(a.contentType().startsWith("application/json"), a.contentType());
            JsonNode body = JSON.readTree(a.body());
            assertEquals(1, body.size(), a.body());
            String error = body.get("error").asText();
            assertTrue(error.contains((String) c[2]), what + " -> " + error);
            assertFalse(error.contains("Exception") || error.contains("\tat ") || error.contains(".java:"), error);
        }
        Http.Answer unknown = http.post("/v2/models/nope/infer", request("[1,784]", "FP32", ok));
        assertEquals(404, unknown.status());
        assertEquals("unknown model 'nope' (this server has: mlp, blackbox)", JSON.readTree(unknown.body()).get("error").asText());
        assertEquals(404, http.get("/v2/models/nope").status());
        assertEquals(404, http.get("/v2/models/nope/ready").status());
        Http.Answer route = http.get("/v3/whatever");
        assertEquals(404, route.status());
        assertTrue(JSON.readTree(route.body()).has("error"), route.body());
        // the server goes on serving
        Http.Answer fine = http.post("/v2/models/mlp/infer", request("[1,784]", "FP32", ok));
        assertEquals(200, fine.status(), fine.body());
    }

    @Test
    void metricsCountRequestsLatencyImagesAndClients() throws Exception {
        String body = request("[3,784]", "FP32", image(3, 0.25f));
        assertEquals(200, http.post("/v2/models/blackbox/infer", body).status());
        assertEquals(200, http.post("/v2/models/blackbox/infer", body).status());
        assertEquals(400, http.post("/v2/models/blackbox/infer", "{").status());
        Http.Answer m = http.get("/metrics");
        assertEquals(200, m.status());
        assertTrue(m.contentType().startsWith("text/plain"), m.contentType());
        String text = m.body();
        assertTrue(text.contains("frontier_http_requests_total{endpoint=\"/v2/models/{name}/infer\",method=\"POST\",status=\"200\"}"), text);
        assertTrue(text.contains("frontier_http_requests_total{endpoint=\"/v2/models/{name}/infer\",method=\"POST\",status=\"400\"}"), text);
        assertTrue(metric(text, "jvm_memory_used_bytes{area=\"heap\"}") > 0, "JVM metrics next to the request metrics");
        assertTrue(text.contains("process_cpu_seconds_total ") && text.contains("jvm_threads_current "), text);
        assertTrue(text.contains("frontier_http_request_duration_seconds_bucket{endpoint=\"/v2/models/{name}/infer\",le=\"+Inf\"}"), text);
        assertTrue(text.contains("frontier_http_request_duration_seconds_count{endpoint=\"/v2/models/{name}/infer\"}"), text);
        long images = metric(text, "frontier_images_inferred_total{model=\"blackbox\"}");
        assertTrue(images >= 6, text);
        String client = server.audit().snapshot().keySet().stream().filter(c -> c.startsWith("token:")).findFirst().orElseThrow();
        assertTrue(client.matches("token:[0-9a-f]{8}"), client);
        assertTrue(metric(text, "frontier_client_images_total{client=\"" + client + "\"}") >= 6, text);
        assertTrue(metric(text, "frontier_client_requests_total{client=\"" + client + "\"}") >= 2, text);
        long live = server.metrics().requestCount("GET", "/v2/health/live", 200);
        assertEquals(200, anonymous.get("/v2/health/live").status());
        assertEquals(live + 1, server.metrics().requestCount("GET", "/v2/health/live", 200));
        long denied = server.metrics().requestCount("GET", "/v2/models/{name}", 401);
        assertEquals(401, anonymous.get("/v2/models/blackbox").status());
        assertEquals(denied + 1, server.metrics().requestCount("GET", "/v2/models/{name}", 401));
        long other = server.metrics().requestCount("GET", "other", 404);
        assertEquals(404, http.get("/nowhere/at/all").status());
        assertEquals(other + 1, server.metrics().requestCount("GET", "other", 404));
    }

    static long metric(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + " ")).mapToLong(l -> (long) Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst().orElse(-1);
    }

    @Test
    void labelsOnlyServerWithSmallBoundsAnswers413AndNoProbabilities() throws Exception {
        try (OipServer small = OipServer.builder().addModel("m", classifier).optLabelsOnly(true)
                .optMaxBodyBytes(100_000).optMaxBatch(8).build().start()) {
            Http h = new Http(small.baseUrl(), null);
            JsonNode meta = JSON.readTree(h.get("/v2/models/m").body());
            assertEquals(1, meta.get("outputs").size());
            Http.Answer probs = h.post("/v2/models/m/infer",
                    request("[1,784]", "FP32", image(1, 0.1f)).replace("]}]}", "]}],\"outputs\":[{\"name\":\"probabilities\"}]}"));
            assertEquals(400, probs.status(), probs.body());
            Http.Answer labels = h.post("/v2/models/m/infer", request("[2,784]", "FP32", image(2, 0.1f)));
            assertEquals(200, labels.status(), labels.body());
            assertEquals(1, JSON.readTree(labels.body()).get("outputs").size());
            Http.Answer batch = h.post("/v2/models/m/infer", request("[9,784]", "FP32", image(9, 0.0f)));
            assertEquals(413, batch.status(), batch.body());
            assertTrue(JSON.readTree(batch.body()).get("error").asText().contains("limit of 8"), batch.body());
            String big = request("[40,784]", "FP32", image(40, 0.123456f));
            Http.Answer tooBig = h.post("/v2/models/m/infer", big);
            assertEquals(413, tooBig.status(), tooBig.body());
            assertTrue(JSON.readTree(tooBig.body()).get("error").asText().contains("100000 bytes"), tooBig.body());
            Http.Answer chunked = h.postChunked("/v2/models/m/infer", big.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(413, chunked.status(), chunked.body());
            assertEquals(200, h.post("/v2/models/m/infer", request("[1,784]", "FP32", image(1, 0.1f))).status());
            RemoteClassifier remote = RemoteClassifier.connect(small.modelUrl("m"), null,
                    ml.frontier.serve.client.ClientOptions.defaults().withMaxBatch(8));
            Dataset test = TestModels.test(50);
            assertArrayEquals(classifier.predict(test.images()), remote.predict(test.images()));
            assertEquals(7, remote.calls());
            assertTrue(small.audit().snapshot().containsKey("127.0.0.1"), small.audit().snapshot().toString());
        }
    }

    @Test
    void aTakenPortIsAClearError() throws Exception {
        OipServer clash = OipServer.builder().addModel("m", classifier).optPort(server.port()).build();
        FrontierException e = assertThrows(FrontierException.class, clash::start);
        assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("cannot serve on 127.0.0.1:" + server.port()), e.getMessage());
        clash.close();
    }
}
