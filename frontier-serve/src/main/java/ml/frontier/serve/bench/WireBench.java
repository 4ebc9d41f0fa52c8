package ml.frontier.serve.bench;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.serve.client.ClientOptions;
import ml.frontier.serve.client.RemoteClassifier;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The three ways the client can reach a served model, side by side: REST with JSON tensors,
 * REST with the binary tensor data extension, gRPC. Measures throughput, latency and payload
 * bytes per request, and checks that all three give the in-process labels.
 */
final class WireBench {

    /** One way to reach the model. */
    record Route(String mode, String url, ClientOptions.Wire wire) {}

    private final List<Route> routes;
    private final String token;

    WireBench(String restUrl, String grpcUrl, String token) {
        this.routes = List.of(new Route("rest-json", restUrl, ClientOptions.Wire.JSON),
                new Route("rest-binary", restUrl, ClientOptions.Wire.BINARY), new Route("grpc", grpcUrl, ClientOptions.Wire.AUTO));
        this.token = token;
    }

    private RemoteClassifier connect(Route r, int maxBatch) throws FrontierException {
        return RemoteClassifier.connect(r.url(), token, ClientOptions.defaults().withWire(r.wire()).withMaxBatch(maxBatch));
    }

    /** For each route, batch and connection count: a closed loop of {@code seconds}, printed as a RESULT line. */
    void throughput(ImageBatch pool, int[] batches, int[] connections, double seconds) throws Exception {
        for (Route r : routes) {
            try (RemoteClassifier remote = connect(r, Arrays.stream(batches).max().orElse(256))) {
                for (int b : batches) {
                    for (int c : connections) {
                        long sent = remote.bytesSent(), received = remote.bytesReceived(), calls = remote.calls();
                        BenchResult res = InProcessBench.run(r.mode(), remote, pool, b, c, seconds);
                        long n = remote.calls() - calls;
                        System.out.println(res.line() + String.format(Locale.ROOT, " bytes_sent_per_req=%d bytes_received_per_req=%d",
                                (remote.bytesSent() - sent) / n, (remote.bytesReceived() - received) / n));
                    }
                }
            }
        }
    }

    /** For each route: {@code rate} requests per second of {@code batch} images, open loop, printed as a RESULT line. */
    void openLoop(ImageBatch pool, int batch, double rate, double seconds) throws Exception {
        for (Route r : routes) {
            try (RemoteClassifier remote = connect(r, batch)) {
                InProcessBench.run(r.mode(), remote, pool, batch, 1, 1);
                System.out.println(OpenLoop.run(r.mode(), remote, pool, batch, rate, seconds).line());
            }
        }
    }

    /** Labels of all {@code images} through every route against {@code local}; one AGREE line per route. */
    boolean agree(Classifier local, ImageBatch images) throws Exception {
        int[] expected = local.predict(images);
        boolean all = true;
        for (Route r : routes) {
            try (RemoteClassifier remote = connect(r, 256)) {
                long sent = remote.bytesSent(), received = remote.bytesReceived();
                int[] got = remote.predict(images);
                int differ = 0;
                for (int i = 0; i < got.length; i++) {
                    differ += got[i] == expected[i] ? 0 : 1;
                }
                all &= differ == 0;
                System.out.printf(Locale.ROOT, "AGREE mode=%s images=%d requests=%d differing=%d bytes_sent=%d bytes_received=%d%n",
                        r.mode(), got.length, remote.calls(), differ, remote.bytesSent() - sent, remote.bytesReceived() - received);
            }
        }
        return all;
    }
}
