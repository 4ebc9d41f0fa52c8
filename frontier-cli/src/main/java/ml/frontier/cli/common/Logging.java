package ml.frontier.cli.common;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where library and server logs go: a log file by default, so a command's output is its own
 * lines; the terminal (stderr) under {@code --verbose}. Must run before the first logger is made
 * (slf4j-simple reads its settings once), which is why the root command's execution strategy
 * calls it right after parsing. {@code --verbose} also keeps libtorch's native warnings, which
 * {@code NativeWarnings} (frontier-core) otherwise spends out of sight.
 */
public final class Logging {

    /** The log file's default place; {@code FRONTIER_LOG} overrides it. */
    public static Path logFile() {
        String env = System.getenv("FRONTIER_LOG");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".frontier", "frontier.log");
    }

    private Logging() {}

    public static void configure(boolean verbose) {
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "info");
            System.setProperty("frontier.native.warnings", "true");
            return;
        }
        if (System.getProperty("org.slf4j.simpleLogger.logFile") != null) {
            return; // chosen by the user (or a test)
        }
        Path file = logFile();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            System.setProperty("org.slf4j.simpleLogger.logFile", file.toString());
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        } catch (java.io.IOException | SecurityException e) {
            // no writable home: logs stay on stderr, which is still better than failing the command
        }
    }
}
