package ml.frontier.cli.gan.net;

import ml.frontier.core.FrontierException;
import ml.frontier.gan.grpc.NetSecurity;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.function.Consumer;

/** Shared token and TLS options of the MD-GAN server and workers. */
public final class NetOptions {

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Shared secret (first line of FILE) that every connection must carry; same file on every host.")
    Path tokenFile;
    @Option(names = "--tls-cert", paramLabel = "PEM", description = "TLS: certificate chain this process serves with.")
    Path tlsCert;
    @Option(names = "--tls-key", paramLabel = "PEM", description = "TLS: private key of --tls-cert (PKCS#8 PEM).")
    Path tlsKey;
    @Option(names = "--tls-ca", paramLabel = "PEM", description = "TLS: CA certificates to trust when connecting (enables TLS on outgoing calls).")
    Path tlsCa;

    NetSecurity security() throws FrontierException {
        return new NetSecurity(NetSecurity.readToken(tokenFile), tlsCert, tlsKey, tlsCa);
    }

    /** Prints log lines through {@code out}, flushed. */
    static Consumer<String> printer(java.io.PrintWriter out) {
        return s -> {
            synchronized (out) {
                out.println(s);
                out.flush();
            }
        };
    }
}
