package ml.frontier.cli.serve;

import ml.frontier.cli.CliRun;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.testing.TestModels;
import ml.frontier.serve.OipServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watermark verify} and {@code tamper check} through --remote give the in-process verdicts. */
class RemoteVerdictsTest {

    @TempDir
    Path dir;

    @Test
    void verdictsOverGrpcAndRestEqualTheInProcessOnes() throws Exception {
        Path model = dir.resolve("mlp.model");
        Path marked = dir.resolve("marked.model");
        Path key = dir.resolve("owner.key");
        Path markers = dir.resolve("mlp.markers");
        try (NetworkModel m = TestModels.mlp(2)) {
            ModelFile.save(m, model);
        }
        assertEquals(0, CliRun.of("watermark", "embed", "--model", model.toString(), "--key-size", "20", "--eps", "0.1",
                "--out", marked.toString(), "--key", key.toString(), "--seed", "4").exitCode());
        assertEquals(0, CliRun.of("tamper", "markers", "--no-fresh-processes", "--model", marked.toString(), "--strategy", "boundary",
                "--count", "20", "--out", markers.toString(), "--seed", "3").exitCode());
        Path token = dir.resolve("token");
        Files.writeString(token, "verdict-token");
        CliRun localWatermark = CliRun.of("watermark", "verify", "--key", key.toString(), "--model", marked.toString());
        CliRun localTamper = CliRun.of("tamper", "check", "--no-ledger", "--markers", markers.toString(), "--model", model.toString(), "--budget", "20");
        assertEquals(0, localWatermark.exitCode(), localWatermark.toString());
        assertEquals(1, localTamper.exitCode(), "the unmarked model differs from the marked one: " + localTamper);

        try (NetworkModel mk = ModelFile.load(marked); NetworkModel orig = ModelFile.load(model);
             OipServer server = OipServer.builder().addModels(Map.of("marked", new DjlClassifier(mk), "orig", new DjlClassifier(orig)))
                     .optToken("verdict-token").optGrpcPort(0).build().start()) {
            for (String base : new String[] {server.grpcTarget() + "/", server.baseUrl() + "/v2/models/"}) {
                CliRun wm = CliRun.of("watermark", "verify", "--key", key.toString(), "--remote", base + "marked",
                        "--token-file", token.toString(), "--deadline", "60", "--header", "X-Audit: frontier-test",
                        "--remote-shape", "1x28x28");
                assertEquals(localWatermark.exitCode(), wm.exitCode(), wm.toString());
                assertTrue(wm.out().contains(base.startsWith("grpc") ? "gRPC" : "REST binary"), wm.out());
                CliRun intact = CliRun.of("tamper", "check", "--no-ledger", "--markers", markers.toString(), "--remote", base + "marked",
                        "--token-file", token.toString(), "--budget", "20");
                assertEquals(0, intact.exitCode(), intact.toString());
                CliRun tampered = CliRun.of("tamper", "check", "--no-ledger", "--markers", markers.toString(), "--remote", base + "orig",
                        "--token-file", token.toString(), "--budget", "20");
                assertEquals(localTamper.exitCode(), tampered.exitCode(), tampered.toString());
            }
            CliRun noToken = CliRun.of("tamper", "check", "--no-ledger", "--markers", markers.toString(), "--remote", server.grpcModelUrl("orig"));
            assertEquals(2, noToken.exitCode(), noToken.toString());
            assertTrue(noToken.err().contains("UNAUTHENTICATED"), noToken.err());
            CliRun badHeader = CliRun.of("tamper", "check", "--no-ledger", "--markers", markers.toString(), "--remote", server.modelUrl("orig"),
                    "--header", "no colon here");
            assertEquals(2, badHeader.exitCode(), badHeader.toString());
            assertTrue(badHeader.err().contains("must look like 'Name: value'"), badHeader.err());
        }
    }
}
