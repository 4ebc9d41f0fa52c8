package ml.frontier.cli.serve;

import ml.frontier.cli.common.ErrorHandler;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.testing.TestModels;
import ml.frontier.serve.OipServer;
import ml.frontier.serve.client.RemoteClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServeCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(ServeCommand command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void servesTwoModelFilesWithATokenUntilClosed() throws Exception {
        Path file = dir.resolve("digits.model");
        Dataset test = TestModels.test(300);
        int[] local;
        try (NetworkModel m = TestModels.mlp(1)) {
            ModelFile.save(m, file);
            local = new DjlClassifier(m).predict(test.images());
        }
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "  tok-123\n");
        CompletableFuture<OipServer> started = new CompletableFuture<>();
        CompletableFuture<Run> done = CompletableFuture.supplyAsync(() -> run(new ServeCommand(started::complete),
                "--model", file.toString(), "--model", file.toString(), "--name", "a", "--name", "b",
                "--port", "0", "--token-file", tokenFile.toString(), "--labels-only", "--grpc-port", "0", "--label-datatype", "INT32"));
        OipServer server = started.get(120, TimeUnit.SECONDS);
        try (RemoteClassifier remote = RemoteClassifier.connect(server.modelUrl("b"), "tok-123")) {
            assertArrayEquals(local, remote.predict(test.images()));
            assertEquals(300, remote.queries());
        }
        try (RemoteClassifier grpc = RemoteClassifier.connect(server.grpcModelUrl("a"), "tok-123")) {
            assertArrayEquals(local, grpc.predict(test.images()), "INT32 labels over gRPC");
        } finally {
            server.close();
        }
        Run r = done.get(30, TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("serving a at " + server.modelUrl("a")), r.out());
        assertTrue(r.out().contains("serving b at " + server.modelUrl("b") + " and grpc://127.0.0.1:"), r.out());
        assertTrue(r.out().contains("bearer token required"), r.out());
    }

    @Test
    void badFilesAndFlagsAreExitCode2() throws Exception {
        Run missing = run(new ServeCommand(), "--model", dir.resolve("none.model").toString(), "--port", "0");
        assertEquals(2, missing.code(), missing.toString());
        Run names = run(new ServeCommand(), "--model", "x.model", "--name", "a", "--name", "b");
        assertEquals(2, names.code(), names.toString());
        assertTrue(names.err().contains("one --name per --model"), names.err());
        Path empty = dir.resolve("empty-token");
        Files.writeString(empty, "\n");
        Run token = run(new ServeCommand(), "--model", "x.model", "--token-file", empty.toString());
        assertEquals(2, token.code(), token.toString());
        assertTrue(token.err().contains("token file is empty"), token.err());
        Run datatype = run(new ServeCommand(), "--model", "x.model", "--input-datatype", "BYTES");
        assertEquals(2, datatype.code(), datatype.toString());
        assertTrue(datatype.err().contains("input datatype must be one of FP32, FP16, FP64, UINT8, INT64"), datatype.err());
    }
}
