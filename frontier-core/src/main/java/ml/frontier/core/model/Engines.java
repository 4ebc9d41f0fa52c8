package ml.frontier.core.model;

import ai.djl.engine.Engine;

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
        return Engine.getEngine(PYTORCH);
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

    /** Seeds the engine's random generator (initialisation, dropout). */
    public static void seed(long seed) {
        pytorch().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }
}
