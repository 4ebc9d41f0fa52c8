package ml.frontier.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Frontier's version, for provenance records and {@code --version}: the POM's version, written
 * into {@code version.properties} when the build filters resources, so it is never typed twice.
 */
public final class FrontierVersion {
    public static final String VERSION = read();

    private FrontierVersion() {}

    private static String read() {
        try (InputStream in = FrontierVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties missing from frontier-core's resources");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            if (v.isEmpty() || v.startsWith("${")) {
                throw new IllegalStateException("version.properties was not filtered by the build: '" + v + "'");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
