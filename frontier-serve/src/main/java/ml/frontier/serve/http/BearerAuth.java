package ml.frontier.serve.http;

import ml.frontier.core.io.Hashing;
import ml.frontier.serve.OipException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks {@code Authorization: Bearer <token>} in constant time (the SHA-256 digests of the
 * presented and expected tokens are compared with {@link MessageDigest#isEqual}, so neither
 * content nor length leaks through timing). With no token configured every request passes.
 *
 * <p>Also names the client for the audit: {@code token:<first 8 hex of its SHA-256>} when a
 * token is required, the remote address otherwise.
 */
public final class BearerAuth {

    private final byte[] expectedDigest;
    private final String identity;

    /** {@code token} null or blank = no authentication. */
    public BearerAuth(String token) {
        if (token == null || token.isBlank()) {
            this.expectedDigest = null;
            this.identity = null;
        } else {
            this.expectedDigest = sha256(token.trim());
            this.identity = "token:" + Hashing.sha256Hex(token.trim().getBytes(StandardCharsets.UTF_8)).substring(0, 8);
        }
    }

    /** True when requests must carry the token. */
    public boolean required() {
        return expectedDigest != null;
    }

    /**
     * The client's identity, or a 401 when a token is required and {@code authorization} does not
     * carry it.
     */
    public String authenticate(String authorization, String remoteAddress) {
        if (expectedDigest == null) {
            return remoteAddress;
        }
        if (authorization == null || authorization.isBlank()) {
            throw OipException.unauthorized("this server requires an \"Authorization: Bearer <token>\" header");
        }
        String a = authorization.trim();
        if (a.length() < 7 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw OipException.unauthorized("the Authorization header must use the Bearer scheme");
        }
        if (!MessageDigest.isEqual(sha256(a.substring(7).trim()), expectedDigest)) {
            throw OipException.unauthorized("invalid bearer token");
        }
        return identity;
    }

    private static byte[] sha256(String s) {
        return Hashing.sha256().digest(s.getBytes(StandardCharsets.UTF_8));
    }
}
