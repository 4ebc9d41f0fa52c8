package ml.frontier.gan.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import ml.frontier.core.FrontierException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * How MD-GAN's connections are protected: an optional shared token that every call carries in
 * the {@code x-frontier-token} header (compared in constant time), and optional TLS.
 *
 * <p>TLS: the server (and each worker, for its peer port) presents {@code certChain} +
 * {@code privateKey} (PEM); clients trust {@code trustCa} (PEM). Without TLS, traffic is plain
 * text: use it on a trusted network or through a tunnel.
 *
 * @param token the shared secret, or null for none
 * @param certChain PEM certificate chain this process serves with, or null (no TLS server side)
 * @param privateKey PEM private key of {@code certChain}, or null
 * @param trustCa PEM CA certificates this process trusts when it connects, or null (plain text)
 */
public record NetSecurity(String token, Path certChain, Path privateKey, Path trustCa) {

    /** The header that carries the token. */
    public static final Metadata.Key<String> TOKEN_HEADER = Metadata.Key.of("x-frontier-token", Metadata.ASCII_STRING_MARSHALLER);

    public NetSecurity {
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("the shared token is empty");
        }
        if ((certChain == null) != (privateKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate chain and its private key");
        }
    }

    /** No token, no TLS (loopback and tests). */
    public static NetSecurity none() {
        return new NetSecurity(null, null, null, null);
    }

    /** Reads the token from the first line of {@code tokenFile} (null: none). */
    public static String readToken(Path tokenFile) throws FrontierException {
        if (tokenFile == null) {
            return null;
        }
        try {
            String t = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            if (t.isEmpty()) {
                throw new FrontierException(tokenFile + ": token file is empty");
            }
            return t;
        } catch (IOException e) {
            throw new FrontierException(tokenFile + ": cannot read the token file (" + e.getMessage() + ")");
        }
    }

    public ServerCredentials serverCredentials() throws IOException {
        if (certChain == null) {
            return InsecureServerCredentials.create();
        }
        return TlsServerCredentials.create(certChain.toFile(), privateKey.toFile());
    }

    public ChannelCredentials channelCredentials() throws IOException {
        if (trustCa == null) {
            return InsecureChannelCredentials.create();
        }
        return TlsChannelCredentials.newBuilder().trustManager(trustCa.toFile()).build();
    }

    /** A server builder on {@code port} (0: any free port) with these credentials and the token check. */
    public ServerBuilder<?> serverBuilder(int port) throws IOException {
        ServerBuilder<?> b = Grpc.newServerBuilderForPort(port, serverCredentials());
        if (token != null) {
            b.intercept(new TokenCheck(token));
        }
        return b;
    }

    /** A channel builder to {@code target} ({@code host:port}) with these credentials and the token attached. */
    public ManagedChannelBuilder<?> channelBuilder(String target) throws IOException {
        ManagedChannelBuilder<?> b = Grpc.newChannelBuilder(target, channelCredentials());
        if (token != null) {
            b.intercept(new TokenAttach(token));
        }
        return b;
    }

    /** Refuses calls without the right token (UNAUTHENTICATED), comparing in constant time. */
    public static final class TokenCheck implements ServerInterceptor {
        private final byte[] expected;

        public TokenCheck(String token) {
            this.expected = token.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String got = headers.get(TOKEN_HEADER);
            byte[] given = got == null ? new byte[0] : got.getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(expected, given)) {
                call.close(Status.UNAUTHENTICATED.withDescription(got == null ? "missing x-frontier-token header"
                        : "wrong token"), new Metadata());
                return new ServerCall.Listener<>() {};
            }
            return next.startCall(call, headers);
        }
    }

    /** Adds the token header to every call. */
    public static final class TokenAttach implements ClientInterceptor {
        private final String token;

        public TokenAttach(String token) {
            this.token = token;
        }

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    headers.put(TOKEN_HEADER, token);
                    super.start(listener, headers);
                }
            };
        }
    }
}
