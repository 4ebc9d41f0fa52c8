package ml.frontier.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.testing.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Clients written from the protocol's published spec, not from Frontier's code
 * ({@code tools/oip-clients}: Python with the standard library for REST with binary tensors,
 * python3-grpcio with stubs generated from the proto for gRPC), against a real server. Skipped
 * where no suitable Python is installed; when they run, they must pass.
 */
class IndependentClientsTest {

    static final Path CLIENTS = Path.of("..", "tools", "oip-clients");
    static final String TOKEN = "spec-token";
    static NetworkModel model;
    static DjlClassifier classifier;
    static OipServer server;
    static Dataset test;
    static int[] expected;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        model = SharedModel.mlp();
        classifier = new DjlClassifier(model);
        server = OipServer.builder().addModel("mnist", classifier).optToken(TOKEN).optGrpcPort(0).build().start();
        test = TestModels.test(100);
        expected = classifier.predict(test.images());
        ByteBuffer b = ByteBuffer.allocate(test.images().data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : test.images().data()) {
            b.putFloat(v);
        }
        Files.write(dir.resolve("images.f32"), b.array());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The first Python that can import {@code modules} (empty: any Python 3). */
    static Optional<String> python(String modules) {
        for (String exe : new String[] {"python3", "/usr/bin/python3"}) {
            try {
                Process p = new ProcessBuilder(exe, "-c", modules.isEmpty() ? "pass" : "import " + modules)
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Optional.of(exe);
                }
            } catch (IOException e) {
                // not installed under this name
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static JsonNode run(String python, String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(python, CLIENTS.resolve(script).toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), script + " did not finish");
        assertEquals(0, p.exitValue(), script + " failed: " + err);
        return new ObjectMapper().readTree(out);
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    @Test
    void aStandardLibraryRestClientWithBinaryTensorsAgrees() throws Exception {
        Optional<String> python = python("");
        assumeTrue(python.isPresent(), "no python3 on this machine");
        JsonNode r = run(python.get(), "rest_binary_client.py", "--url", server.baseUrl(), "--model", "mnist",
                "--images", dir.resolve("images.f32").toString(), "--count", "100", "--token", TOKEN);
        assertTrue(r.get("ready").asBoolean(), r.toString());
        assertTrue(r.get("extensions").toString().contains("binary_tensor_data"), r.toString());
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(ints(r.get("binary_labels"))));
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(ints(r.get("json_labels"))));
        assertTrue(r.get("id_echoed").asBoolean(), r.toString());
        assertEquals(400, r.get("bad_size_status").asInt(), r.toString());
        assertTrue(r.get("bad_size_error").asText().contains("needs 313600 bytes"), r.toString());
        assertTrue(r.get("binary_request_bytes").asLong() < r.get("json_request_bytes").asLong(), r.toString());
    }

    @Test
    void aGrpcClientFromTheProtoAgreesAndGetsTheRightStatusCodes() throws Exception {
        Optional<String> python = python("grpc, grpc_tools");
        assumeTrue(python.isPresent(), "no python3 with grpcio and grpc_tools (Debian: python3-grpcio python3-grpc-tools)");
        JsonNode r = run(python.get(), "grpc_client.py", "--proto", Path.of("src", "main", "proto", "grpc_predict_v2.proto").toString(),
                "--target", "127.0.0.1:" + server.grpcPort(), "--model", "mnist",
                "--images", dir.resolve("images.f32").toString(), "--count", "100", "--token", TOKEN);
        assertTrue(r.get("live").asBoolean() && r.get("ready").asBoolean() && r.get("model_ready").asBoolean(), r.toString());
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(ints(r.get("labels"))));
        JsonNode e = r.get("errors");
        assertEquals("INVALID_ARGUMENT", e.get("wrong_shape").asText(), e.toString());
        assertEquals("INVALID_ARGUMENT", e.get("wrong_datatype").asText(), e.toString());
        assertEquals("INVALID_ARGUMENT", e.get("wrong_length").asText(), e.toString());
        assertEquals("NOT_FOUND", e.get("unknown_model").asText(), e.toString());
        assertEquals("UNAUTHENTICATED", e.get("missing_token").asText(), e.toString());
        assertTrue(r.get("serves_after_errors").asBoolean(), r.toString());
    }
}
