package ml.frontier.serve.client;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.testing.TestModels;
import ml.frontier.serve.SharedModel;
import ml.frontier.serve.OipServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code --ca-cert} and mutual TLS against servers that require a client certificate: an HTTPS
 * endpoint and Frontier's own gRPC port with TLS. Certificates come from openssl (skipped
 * where it is missing).
 */
class TlsTest {

    @TempDir
    static Path dir;

    static void openssl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl " + args[0] + ": " + out);
    }

    /** A CA, a server certificate for 127.0.0.1 and a client certificate, all signed by the CA; a stranger CA too. */
    @BeforeAll
    static void certificates() throws Exception {
        boolean present;
        try {
            present = new ProcessBuilder("openssl", "version").start().waitFor() == 0;
        } catch (IOException e) {
            present = false;
        }
        assumeTrue(present, "openssl is not installed");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        for (String ca : new String[] {"ca", "stranger"}) {
            openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca + ".key", "-out", ca + ".pem", "-days", "2",
                    "-subj", "/CN=" + ca);
        }
        for (String who : new String[] {"server", "client"}) {
            openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", who + ".key", "-out", who + ".csr", "-subj", "/CN=" + who);
            openssl("x509", "-req", "-in", who + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out",
                    who + ".pem", "-days", "2", "-extfile", "san.ext");
        }
    }

    static Path f(String name) {
        return dir.resolve(name);
    }

    @Test
    void httpsWithAPrivateCaAndAClientCertificate() throws Exception {
        SSLContext serverSsl = new TlsFiles(f("ca.pem"), f("server.pem"), f("server.key")).sslContext();
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverSsl) {
            @Override
            public void configure(HttpsParameters params) {
                javax.net.ssl.SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        https.createContext("/v2/models/digits", ex -> {
            String body = ex.getRequestURI().getPath().endsWith("/infer")
                    ? RemoteClassifierTest.logits(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).body()
                    : RemoteClassifierTest.TRITON_META;
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        https.start();
        String url = "https://127.0.0.1:" + https.getAddress().getPort() + "/v2/models/digits";
        ClientOptions quick = ClientOptions.defaults().withRetries(0, java.time.Duration.ZERO);
        try {
            RemoteClassifier remote = RemoteClassifier.connect(url, null,
                    quick.withTls(new TlsFiles(f("ca.pem"), f("client.pem"), f("client.key"))));
            assertArrayEquals(RemoteClassifierTest.expected(5), remote.predict(RemoteClassifierTest.images(5)));
            FrontierException noCert = assertThrows(FrontierException.class, () -> RemoteClassifier.connect(url, null,
                    quick.withTls(new TlsFiles(f("ca.pem"), null, null))));
            assertTrue(noCert.getMessage().contains(url), noCert.getMessage());
            FrontierException untrusted = assertThrows(FrontierException.class, () -> RemoteClassifier.connect(url, null,
                    quick.withTls(new TlsFiles(f("stranger.pem"), f("client.pem"), f("client.key")))));
            assertTrue(untrusted.getMessage().contains(url), untrusted.getMessage());
        } finally {
            https.stop(0);
        }
    }

    @Test
    void grpcsWithMutualTls() throws Exception {
        NetworkModel m = SharedModel.mlp();
        try (OipServer server = OipServer.builder().addModel("mlp", new DjlClassifier(m)).optGrpcPort(0)
                     .optGrpcTls(f("server.pem"), f("server.key"), f("ca.pem")).build().start()) {
            String url = server.grpcModelUrl("mlp");
            assertTrue(url.startsWith("grpcs://127.0.0.1:"), url);
            Dataset test = TestModels.test(50);
            ClientOptions quick = ClientOptions.defaults().withRetries(0, java.time.Duration.ZERO);
            try (RemoteClassifier remote = RemoteClassifier.connect(url, null,
                    quick.withTls(new TlsFiles(f("ca.pem"), f("client.pem"), f("client.key"))))) {
                assertArrayEquals(new DjlClassifier(m).predict(test.images()), remote.predict(test.images()));
            }
            FrontierException noCert = assertThrows(FrontierException.class, () -> RemoteClassifier.connect(url, null,
                    quick.withTls(new TlsFiles(f("ca.pem"), null, null))));
            assertTrue(noCert.getMessage().contains("UNAVAILABLE"), noCert.getMessage());
        }
    }

    @Test
    void aKeyThatIsNotPkcs8IsAClearError() throws Exception {
        Path rsa = f("traditional.key");
        openssl("genrsa", "-traditional", "-out", rsa.getFileName().toString(), "2048");
        FrontierException e = assertThrows(FrontierException.class, () -> new TlsFiles(null, f("client.pem"), rsa).sslContext());
        assertTrue(e.getMessage().contains("openssl pkcs8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TlsFiles(null, f("client.pem"), null));
        assertEquals(null, new TlsFiles(null, null, null).keyManagers());
    }
}
