package ml.frontier.cli.common;

import ml.frontier.core.FrontierException;
import ml.frontier.core.image.ImageShape;
import ml.frontier.serve.client.ClientOptions;
import ml.frontier.serve.client.HttpHeader;
import ml.frontier.serve.client.RemoteClassifier;
import ml.frontier.serve.client.TlsFiles;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How {@code --remote} reaches a deployment Frontier did not build: extra headers (an
 * ingress's {@code Host}, a tenant header), a private CA, a client certificate for mutual TLS,
 * retries, an overall deadline, and the REST tensor encoding.
 */
public final class RemoteOptions {

    @Option(names = "--header", paramLabel = "'NAME: VALUE'",
            description = "Extra request header for --remote, repeatable (e.g. 'Host: mnist.models.example.com').")
    List<String> headers = new ArrayList<>();

    @Option(names = "--ca-cert", paramLabel = "PEM", description = "CA certificate to trust for https:// or grpcs:// --remote.")
    Path caCert;

    @Option(names = "--client-cert", paramLabel = "PEM", description = "Client certificate for mutual TLS (with --client-key).")
    Path clientCert;

    @Option(names = "--client-key", paramLabel = "PEM", description = "The client certificate's PKCS#8 private key.")
    Path clientKey;

    @Option(names = "--retries", defaultValue = "3", paramLabel = "N",
            description = "Retries after a connection error or HTTP 429/502/503/504 (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--deadline", paramLabel = "SECONDS",
            description = "Most seconds one connect or batch of queries may take, retries included (default: none).")
    Double deadlineSeconds;

    @Option(names = "--remote-shape", paramLabel = "CxHxW",
            description = "Image shape when the remote input is flattened or has variable (-1) image dimensions.")
    String remoteShape;

    @Option(names = "--wire", defaultValue = "auto", paramLabel = "auto|json|binary",
            description = "REST tensor encoding: binary when the server lists the extension (auto), or forced (default: ${DEFAULT-VALUE}).")
    String wire;

    /** The client settings these flags describe; bad values are an IllegalArgumentException (exit 2). */
    public ClientOptions clientOptions() throws FrontierException {
        List<HttpHeader> parsed = new ArrayList<>();
        for (String h : headers) {
            parsed.add(HttpHeader.parse(h));
        }
        ClientOptions o = ClientOptions.defaults().withHeaders(parsed).withRetries(retries, ClientOptions.defaults().retryBackoff())
                .withWire(wire());
        if (remoteShape != null) {
            o = o.withInputShape(ImageShape.parse(remoteShape));
        }
        if (deadlineSeconds != null) {
            if (!(deadlineSeconds > 0)) {
                throw new IllegalArgumentException("--deadline must be a positive number of seconds, got " + deadlineSeconds);
            }
            o = o.withDeadline(Duration.ofMillis(Math.round(deadlineSeconds * 1000)));
        }
        if (caCert != null || clientCert != null || clientKey != null) {
            for (Path p : new Path[] {caCert, clientCert, clientKey}) {
                if (p != null && !Files.isReadable(p)) {
                    throw new FrontierException(p + ": cannot read the file");
                }
            }
            o = o.withTls(new TlsFiles(caCert, clientCert, clientKey));
        }
        return o;
    }

    private ClientOptions.Wire wire() {
        try {
            return ClientOptions.Wire.valueOf(wire.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--wire must be auto, json or binary, got '" + wire + "'");
        }
    }

    /** Connects to {@code url} with these settings. */
    public RemoteClassifier connect(String url, String token) throws FrontierException {
        return RemoteClassifier.connect(url, token, clientOptions());
    }
}
