package ml.frontier.gan.mdgan;

import ml.frontier.gan.GanMode;
import ml.frontier.gan.GanTraining;

/**
 * The entry point for MD-GAN in one process (what the demo calls).
 *
 * <pre>{@code
 * GanResult r = MdGan.builder().setData(DatasetLoader.load("mnist")).optWorkers(3)
 *         .optIterations(500).optEvalEvery(250).optOut(dir).build().train(progress);
 * r.finalScore(); r.lastGrid(); r.bytesPerIteration();
 * }</pre>
 */
public final class MdGan {

    private MdGan() {}

    /** A {@link GanTraining} builder preset to MD-GAN (5 workers, b = 10, k = 1, L = 1, swaps every epoch). */
    public static GanTraining.Builder builder() {
        return GanTraining.builder().setMode(GanMode.MDGAN);
    }
}
