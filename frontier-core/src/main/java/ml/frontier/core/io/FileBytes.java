package ml.frontier.core.io;

import ml.frontier.core.FrontierException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a whole file, failing with a one-line message that names it. */
public final class FileBytes {

    private FileBytes() {}

    public static byte[] read(Path file) throws FrontierException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new FrontierException(file + ": no such file");
        } catch (IOException e) {
            throw new FrontierException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
