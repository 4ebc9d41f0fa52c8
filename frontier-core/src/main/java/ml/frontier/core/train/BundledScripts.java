package ml.frontier.core.train;

import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ml.frontier.core.engine.Engines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The weightless TorchScript helpers bundled in this package's resources (made by the scripts
 * under {@code tools/}), each loaded once per JVM and shared: they hold no state.
 */
final class BundledScripts {

    private static final Map<String, PtSymbolBlock> LOADED = new ConcurrentHashMap<>();

    private BundledScripts() {}

    /** The module in resource {@code name} of this package. */
    static PtSymbolBlock get(String name) {
        return LOADED.computeIfAbsent(name, BundledScripts::load);
    }

    private static PtSymbolBlock load(String name) {
        // a base manager of its own: the module outlives every model and trainer
        PtNDManager manager = (PtNDManager) Engines.pytorch().newBaseManager();
        try (InputStream in = BundledScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from frontier-core's resources");
            }
            return JniUtils.loadModule(manager, in, false, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
