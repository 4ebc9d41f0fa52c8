package ml.frontier.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.testing.TestModels;
import ml.frontier.serve.client.ClientOptions;
import ml.frontier.serve.client.RemoteClassifier;
import ml.frontier.serve.protocol.Half;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Servers that declare other datatypes than FP32 (as models exported for Triton do), and the
 * client converting images to them over REST JSON, REST binary and gRPC.
 */
class WireTypesTest {

    static NetworkModel model;
    static DjlClassifier classifier;
    static Dataset test;

    @BeforeAll
    static void load() {
        model = SharedModel.mlp();
        classifier = new DjlClassifier(model);
        test = TestModels.test(300);
    }

    @AfterAll
    static void close() {
    }

    /** The images as the server sees them after the wire datatype's rounding. */
    static ImageBatch as(UnaryOperator<Float> wire) {
        float[] d = test.images().data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = wire.apply(d[i]);
        }
        return ImageBatch.of(d, test.images().n(), test.shape());
    }

    void check(WireTypes types, ImageBatch seenByServer, String describes) throws Exception {
        int[] expected = classifier.predict(seenByServer);
        try (OipServer server = OipServer.builder().addModel("m", classifier).optWireTypes(types).optGrpcPort(0).build().start()) {
            String[] urls = {server.modelUrl("m"), server.modelUrl("m"), server.grpcModelUrl("m")};
            ClientOptions.Wire[] wires = {ClientOptions.Wire.JSON, ClientOptions.Wire.AUTO, ClientOptions.Wire.AUTO};
            for (int i = 0; i < urls.length; i++) {
                try (RemoteClassifier remote = RemoteClassifier.connect(urls[i], null, ClientOptions.defaults().withWire(wires[i]))) {
                    assertEquals(types.input(), remote.inputDatatype());
                    assertArrayEquals(expected, remote.predict(test.images()), types + " over " + remote.encoding());
                    assertTrue(remote.describe().contains(describes), remote.describe());
                }
            }
        }
    }

    @Test
    void uint8AndInt64InputsCarryPixelsAsZeroTo255() throws Exception {
        UnaryOperator<Float> bytes = x -> Math.round(x * 255f) / 255f;
        check(new WireTypes("UINT8", "INT32", "FP16"), as(bytes), "UINT8 input, pixels sent as 0-255");
        check(new WireTypes("INT64", "INT64", "FP32"), as(bytes), "INT64 input, pixels sent as 0-255");
    }

    @Test
    void fp16AndFp64Inputs() throws Exception {
        check(new WireTypes("FP16", "INT32", "FP16"), as(Half::round), "FP16 input");
        check(new WireTypes("FP64", "INT64", "FP32"), test.images(), "FP64 input");
    }

    @Test
    void fp16ProbabilitiesAndInt32LabelsAreDeclaredAndServed() throws Exception {
        try (OipServer server = OipServer.builder().addModel("m", classifier).optWireTypes(new WireTypes("UINT8", "INT32", "FP16"))
                .build().start()) {
            Http http = new Http(server.baseUrl(), null);
            ObjectMapper json = new ObjectMapper();
            JsonNode meta = json.readTree(http.get("/v2/models/m").body());
            assertEquals("UINT8", meta.get("inputs").get(0).get("datatype").asText());
            assertEquals("INT32", meta.get("outputs").get(0).get("datatype").asText());
            assertEquals("FP16", meta.get("outputs").get(1).get("datatype").asText());
            String zeros = "0,".repeat(783) + "255";
            JsonNode answer = json.readTree(http.post("/v2/models/m/infer", "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,784],"
                    + "\"datatype\":\"UINT8\",\"data\":[" + zeros + "]}]}").body());
            JsonNode probs = answer.get("outputs").get(1);
            assertEquals("FP16", probs.get("datatype").asText());
            for (JsonNode p : probs.get("data")) {
                assertEquals(Half.round((float) p.asDouble()), (float) p.asDouble(), "an FP16 value: " + p);
            }
            Http.Answer outOfRange = http.post("/v2/models/m/infer", "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,784],"
                    + "\"datatype\":\"UINT8\",\"data\":[" + "0,".repeat(783) + "256]}]}");
            assertEquals(400, outOfRange.status());
            assertTrue(outOfRange.body().contains("whole numbers in 0..255"), outOfRange.body());
        }
    }

    @Test
    void halfPrecisionRoundsToNearestAndKeepsSpecialValues() {
        assertEquals(1.0f, Half.round(1.0f));
        assertEquals(0.333251953125f, Half.round(1f / 3));
        assertEquals(65504f, Half.round(65504f));
        assertEquals(Float.POSITIVE_INFINITY, Half.round(70000f));
        assertEquals(5.9604645e-8f, Half.round(6e-8f), 1e-12f);
        assertEquals(0f, Half.round(1e-9f));
        assertTrue(Float.isNaN(Half.round(Float.NaN)));
        assertEquals(-2.5f, Half.round(-2.5f));
    }
}
