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
        EpochTally tally = new EpochTally();
        for (int[] idx : EpochTally.batches(train.size(), batchSize, rng, maxBatches)) {
            tally.clock.start();
            Dataset batch = train.select(idx);
            tally.add(Gradients.run(gc -> step(batch, tally.clock)), idx.length); // autograd needs recording on
        }
        return tally.result();
    }

    private float[] step(Dataset batch, StepClock clock) {
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(batch.images().data(), new Shape(batch.images().djlShape()));
            NDArray y = sub.create(batch.labels()).toType(DataType.INT64, false);
            clock.mark(StepClock.Phase.BATCH);
            JniUtils.setGraphExecutorOptimize(false); // the interpreter, as core's scripted step runs
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
