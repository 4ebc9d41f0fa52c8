package ml.frontier.core.engine;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch keeps its gradient mode per thread and a new thread starts with it on; DJL switches
 * it off only in the thread that loads the engine. A thread that runs training steps (the
 * in-place Adam update of a leaf tensor fails while the mode is on) must switch it off first.
 */
public final class EngineThreads {

    private EngineThreads() {}

    /** Loads the engine and switches PyTorch's gradient mode off in the calling thread. */
    public static void prepareCurrentThread() {
        Engines.pytorch();
        JniUtils.setGradMode(false);
    }
}
