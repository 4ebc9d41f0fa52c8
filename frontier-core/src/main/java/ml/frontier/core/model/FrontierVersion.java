package ml.frontier.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Frontier's version and the DJL and PyTorch versions it was built against, from the POM:
 * {@code version.properties} is filtered by the build, so no version is typed twice. (Provenance
 * records take the running engine's versions from
 * {@link ml.frontier.core.engine.Engines#versions()}, which starts it; {@code --version} must not.)
 */
public final class FrontierVersion {
    private static final Properties BUILD = read();

    /** Frontier's version, e.g. "0.1.0-SNAPSHOT". */
    public static final String VERSION = BUILD.getProperty("version");

    /** The DJL version of the build, e.g. "0.36.0". */
    public static final String DJL = BUILD.getProperty("djl");

    /** The PyTorch version of the build's natives, e.g. "2.7.1". */
    public static final String PYTORCH = BUILD.getProperty("pytorch");

    private FrontierVersion() {}

    private static Properties read() {
        try (InputStream in = FrontierVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties missing from frontier-core's resources");
            }
            Properties p = new Properties();
            p.load(in);
            for (String key : new String[] {"version", "djl", "pytorch"}) {
                String v = p.getProperty(key, "");
                if (v.isEmpty() || v.startsWith("${")) {
                    throw new IllegalStateException("version.properties was not filtered by the build: " + key + "='" + v + "'");
                }
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
