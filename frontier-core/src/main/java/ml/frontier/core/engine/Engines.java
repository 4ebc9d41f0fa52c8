package ml.frontier.core.engine;

import ai.djl.engine.Engine;

import java.util.function.Supplier;

/**
 * Starts DJL's PyTorch engine offline: no download of native libraries, no network probe.
 *
 * <p>The natives come from the {@code pytorch-native-cpu} jar on the class path; DJL unpacks them
 * once into {@code DJL_CACHE_DIR} (default {@code ~/.djl.ai}).
 */
public final class Engines {

    public static final String PYTORCH = "PyTorch";
    public static final String ONNX = "OnnxRuntime";

    private Engines() {}

    /** Sets the offline properties (unless the user set them) and returns the PyTorch engine. */
    public static Engine pytorch() {
        configureOffline();
        Engine engine = Engine.getEngine(PYTORCH);
        QuietStart.ONCE.hashCode(); // first use: libtorch's one-time warnings spent out of sight
        return engine;
    }

    /** Holder idiom: the JVM runs {@link NativeWarnings#silence()} once, on first use, thread-safely. */
    private static final class QuietStart {
        static final Object ONCE = new Object();

        static {
            NativeWarnings.silence();
        }
    }

    /** Must run before DJL's {@code Engine} class first loads. */
    public static void configureOffline() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.default_engine", PYTORCH);
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** "DJL 0.36.0 / PyTorch 2.7.1" for provenance records. */
    public static String versions() {
        Engine e = pytorch();
        return "DJL " + Engine.getDjlVersion() + " / " + e.getEngineName() + " " + e.getVersion();
    }

    /**
     * Runs {@code work} with PyTorch's gradient recording off on this thread, then restores it.
     *
     * <p>PyTorch keeps the mode per thread and a new thread starts with recording on: inference on
     * a server thread would build graphs for nothing, and an in-place optimizer update on a leaf
     * that needs gradients fails.
     */
    public static <T, E extends Exception> T withoutGradients(ThrowingSupplier<T, E> work) throws E {
        pytorch();
        boolean was = ai.djl.pytorch.jni.JniUtils.isGradMode();
        if (was) {
            ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        }
        try {
            return work.get();
        } finally {
            if (was) {
                ai.djl.pytorch.jni.JniUtils.setGradMode(true);
            }
        }
    }

    /** A supplier that may throw. */
    @FunctionalInterface
    public interface ThrowingSupplier<T, E extends Exception> {
        T get() throws E;
    }

    /** Seeds the engine's random generator (initialisation, dropout). */
    public static void seed(long seed) {
        pytorch().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }

    /** Held by {@link #seeded}: private, so no other code can take it by accident. */
    private static final Object SEEDED = new Object();

    /**
     * Runs {@code creation}, which seeds the engine's one global generator and then draws from it
     * (e.g. builds seeded networks), while no other thread runs one: two creations that interleave
     * would draw from each other's seed and their values would depend on timing.
     */
    public static <T> T seeded(Supplier<T> creation) {
        synchronized (SEEDED) {
            return creation.get();
        }
    }
}
