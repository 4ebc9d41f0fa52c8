package ml.frontier.lab.speed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ml.frontier.core.FrontierException;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.engine.Engines;
import ml.frontier.core.engine.Gradients;
import ml.frontier.core.train.StepClock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * The like-for-like reference: the same libtorch that DJL drives op by op, driven through one
 * scripted train step per batch (the module's {@code forward(x, y)}) (forward, loss, autograd, fused Adam), from a file
 * made by {@code bench/train/make_train_step.py}. The gap between this and the eager loops is
 * what the per-operation calls from Java cost; the gap between this and PyTorch in Python is
 * the two libtorch builds (2.7.1 here, Debian's 1.13 there).
 */
final class TorchScriptStepTrainer implements AutoCloseable {

    private final PtNDManager manager;
    private final PtSymbolBlock block;

    TorchScriptStepTrainer(Path file) throws FrontierException {
        if (!Files.isRegularFile(file)) {
            throw new FrontierException(file + ": no such TorchScript train step (make it with "
                    + "/usr/bin/python3 bench/train/make_train_step.py " + file.getParent() + ")");
        }
        manager = (PtNDManager) Engines.pytorch().newBaseManager();
        try {
            block = JniUtils.loadModule(manager, file.toAbsolutePath(), false, new String[0], new String[0], true);
            JniUtils.enableTrainingMode(block);
        } catch (RuntimeException e) {
            manager.close();
            throw new FrontierException(file + ": not a loadable TorchScript train step (" + e.getMessage() + ")");
        }
    }

    /** Trains one epoch (or its first {@code maxBatches} batches when positive) in place. */
    LabTrainer.EpochResult epoch(Dataset train, int batchSize, Random rng, int maxBatches) {
        int[] order = Dataset.permutation(train.size(), rng);
        int batches = (train.size() + batchSize - 1) / batchSize;
        if (maxBatches > 0) {
            batches = Math.min(batches, maxBatches);
        }
        StepClock clock = new StepClock();
        long t0 = System.nanoTime();
        long cpu0 = clock.now();
        double lossSum = 0;
        long correct = 0, seen = 0;
        for (int b = 0; b < batches; b++) {
            int[] idx = Arrays.copyOfRange(order, b * batchSize, Math.min(order.length, (b + 1) * batchSize));
            clock.start();
            Dataset batch = train.select(idx);
            float[] stats = Gradients.run(gc -> step(batch, clock)); // autograd needs the recording mode on
            lossSum += stats[0] * idx.length;
            correct += (long) stats[1];
            seen += idx.length;
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return new LabTrainer.EpochResult(secs, lossSum / Math.max(1, seen), (double) correct / Math.max(1, seen),
                clock.phases((clock.now() - cpu0) / 1e9));
    }

    private float[] step(Dataset batch, StepClock clock) {
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(batch.images().data(), new Shape(batch.images().djlShape()));
            NDArray y = sub.create(batch.labels()).toType(DataType.INT64, false);
            clock.mark(StepClock.Phase.BATCH);
            // the step is the module's forward: DJL runs other methods with autograd off
            float[] stats = IValueUtils.forward(block, new NDList(x, y), true).singletonOrThrow().toFloatArray();
            clock.mark(StepClock.Phase.FORWARD); // forward, backward and update: one call
            return stats;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
