package ml.frontier.serve.client;

import ml.frontier.core.FrontierException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files for TLS: a CA certificate to trust instead of the JVM's store (a private cluster's
 * CA), and a client certificate with its PKCS#8 key for mutual TLS. Either part may be absent.
 */
public record TlsFiles(Path caCert, Path clientCert, Path clientKey) {

    private static final Pattern PKCS8 = Pattern.compile("-----BEGIN PRIVATE KEY-----(.*?)-----END PRIVATE KEY-----", Pattern.DOTALL);

    public TlsFiles {
        if ((clientCert == null) != (clientKey == null)) {
            throw new IllegalArgumentException("a client certificate needs its key and a key its certificate");
        }
    }

    /** Trust managers for the CA certificate, or null for the JVM's default trust. */
    public TrustManagerFactory trustManagers() throws FrontierException {
        if (caCert == null) {
            return null;
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates(caCert)) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            return f;
        } catch (GeneralSecurityException | IOException e) {
            throw new FrontierException(caCert + ": cannot use as a CA certificate (" + e.getMessage() + ")");
        }
    }

    /** Key managers holding the client certificate, or null without one. */
    public KeyManagerFactory keyManagers() throws FrontierException {
        if (clientCert == null) {
            return null;
        }
        try {
            char[] none = new char[0];
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setKeyEntry("client", privateKey(clientKey), none, certificates(clientCert).toArray(new Certificate[0]));
            KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            f.init(store, none);
            return f;
        } catch (GeneralSecurityException | IOException e) {
            throw new FrontierException(clientCert + ": cannot use as a client certificate (" + e.getMessage() + ")");
        }
    }

    /** An SSL context from both parts (JDK defaults for an absent part). */
    public SSLContext sslContext() throws FrontierException {
        TrustManagerFactory t = trustManagers();
        KeyManagerFactory k = keyManagers();
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(k == null ? null : k.getKeyManagers(), t == null ? null : t.getTrustManagers(), null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new FrontierException("cannot set up TLS: " + e.getMessage());
        }
    }

    private static Collection<? extends Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new GeneralSecurityException("no certificate in the file");
            }
            return certs;
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = PKCS8.matcher(pem);
        if (!m.find()) {
            throw new GeneralSecurityException(file + " holds no PKCS#8 key ('BEGIN PRIVATE KEY'); convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException(file + ": the key is not RSA, EC or Ed25519 (" + last.getMessage() + ")");
    }
}
