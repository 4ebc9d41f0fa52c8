package ml.frontier.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Keeps libtorch's one-time native warnings off the terminal.
 *
 * <p>libtorch prints some warnings straight to file descriptor 2 (e.g. "AutoNonVariableTypeMode
 * is deprecated", raised inside DJL's JNI code the first time an array is overwritten), and the
 * {@code TORCH_CPP_LOG_LEVEL} variable that would quiet them is read only by Python's torch. Such a
 * warning is printed once per process, so this class triggers it once with descriptor 2 pointed at
 * {@code /dev/null}. Set {@code -Dfrontier.native.warnings=true} (the CLI's {@code --verbose}) to
 * keep them.
 */
final class NativeWarnings {

    /** The C library calls used to point descriptor 2 elsewhere for a moment. */
    private interface LibC extends Library {
        int dup(int fd);

        int dup2(int from, int to);

        int open(String path, int flags);

        int close(int fd);
    }

    private static final int STDERR = 2;

    private NativeWarnings() {}

    /** Spends libtorch's once-only warnings where nobody sees them (POSIX systems only). */
    static void silence() {
        if (Boolean.getBoolean("frontier.native.warnings") || System.getProperty("os.name", "").startsWith("Windows")) {
            return;
        }
        LibC libc;
        try {
            libc = Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return; // no C library to call: the warnings stay, nothing else changes
        }
        System.err.flush();
        int saved = libc.dup(STDERR);
        int devNull = libc.open("/dev/null", 1 /* O_WRONLY */);
        if (saved < 0 || devNull < 0) {
            return;
        }
        try {
            libc.dup2(devNull, STDERR);
            try (NDManager m = NDManager.newBaseManager(); NDArray a = m.zeros(new Shape(1))) {
                a.set(new float[] {0f}); // raises "AutoNonVariableTypeMode is deprecated", once
            }
        } finally {
            libc.dup2(saved, STDERR);
            libc.close(saved);
            libc.close(devNull);
        }
    }
}
