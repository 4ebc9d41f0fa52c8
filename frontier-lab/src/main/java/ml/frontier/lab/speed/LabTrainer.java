package ml.frontier.lab.speed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ml.frontier.core.classifier.WhiteBoxClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.engine.Gradients;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.model.Forward;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.train.Adam;
import ml.frontier.core.train.StepClock;
import ml.frontier.core.train.TrainingReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A copy of core's training loop (Adam, softmax cross-entropy, a seeded shuffle per epoch)
 * with per-phase timers, in which a {@link Variant} switches on changes that cut DJL's
 * per-batch overhead. Each call trains one epoch in place.
 */
final class LabTrainer {

    /** What one epoch measured. */
    record EpochResult(double seconds, double loss, double accuracy, TrainingReport.Phases phases) {}

    private static final int UPLOAD_CHUNK = 8192;

    private final Variant variant;
    private final float learningRate;

    LabTrainer(Variant variant, float learningRate) {
        if (variant == Variant.CORE || variant == Variant.TORCHSCRIPT) {
            throw new IllegalArgumentException("the " + variant.label() + " variant does not run the lab loop");
        }
        this.variant = variant;
        this.learningRate = learningRate;
    }

    /** Trains one epoch (or its first {@code maxBatches} batches when positive) in place. */
    EpochResult epoch(NetworkModel model, Dataset train, int batchSize, Random rng, int maxBatches) {
        List<Parameter> params = new ArrayList<>();
        for (var p : model.block().getParameters()) {
            p.getValue().freeze(false);
            params.add(p.getValue());
        }
        EpochTally tally = new EpochTally();
        StepClock clock = tally.clock;
        try (NDManager epochManager = model.manager().newSubManager();
             Adam opt = new Adam(params, model.manager(), learningRate, 0.9f, 0.999f, 1e-8f, 0f, variant.adamKernel())) {
            NDArray allX = null, allY = null;
            if (variant.nativeBatches()) {
                clock.start();
                allX = upload(epochManager, train.images());
                allY = epochManager.create(toLong(train.labels()));
                clock.mark(StepClock.Phase.BATCH);
            }
            for (int[] idx : EpochTally.batches(train.size(), batchSize, rng, maxBatches)) {
                tally.add(step(model, train, idx, allX, allY, opt, clock), idx.length);
            }
        }
        return tally.result();
    }

    private float[] step(NetworkModel model, Dataset train, int[] idx, NDArray allX, NDArray allY,
                         Adam opt, StepClock clock) {
        int k = model.numClasses();
        float[] result = Gradients.run(gc -> {
            try (NDManager sub = model.manager().newSubManager()) {
                clock.start();
                NDArray x, y;
                int[] labels = new int[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    labels[i] = train.labels()[idx[i]];
                }
                if (allX != null) {
                    NDArray index = sub.create(toLong(idx));
                    x = allX.get(index);
                    y = allY.get(index);
                    x.attach(sub);
                    y.attach(sub);
                } else {
                    Dataset batch = train.select(idx);
                    x = sub.create(batch.images().data(), new Shape(batch.images().djlShape()));
                    y = variant.pickLoss() ? sub.create(toLong(labels)) : sub.create(labels);
                }
                clock.mark(StepClock.Phase.BATCH);
                NDArray logits = Forward.logits(model.block(), new ParameterStore(sub, false), x, true);
                NDArray logp = logits.logSoftmax(1);
                NDArray loss = variant.pickLoss()
                        ? logp.gather(y.reshape(-1, 1), 1).mean().neg()
                        : logp.mul(y.oneHot(k)).sum().neg().div(idx.length);
                clock.mark(StepClock.Phase.FORWARD);
                gc.backward(loss);
                clock.mark(StepClock.Phase.BACKWARD);
                int[] pred = WhiteBoxClassifier.argmax(logits.toFloatArray(), k);
                int correct = 0;
                for (int i = 0; i < pred.length; i++) {
                    if (pred[i] == labels[i]) {
                        correct++;
                    }
                }
                return new float[] {loss.getFloat(), correct};
            }
        });
        clock.skip();
        opt.step();
        clock.mark(StepClock.Phase.OPTIMIZER);
        return result;
    }

    /** The whole image set as one tensor, uploaded in chunks to keep direct buffers small. */
    private static NDArray upload(NDManager manager, ImageBatch images) {
        NDList parts = new NDList();
        try (NDManager tmp = manager.newSubManager()) {
            for (int from = 0; from < images.n(); from += UPLOAD_CHUNK) {
                ImageBatch part = images.slice(from, Math.min(images.n(), from + UPLOAD_CHUNK));
                parts.add(tmp.create(part.data(), new Shape(part.djlShape())));
            }
            NDArray all = parts.size() == 1 ? parts.get(0).duplicate() : NDArrays.concat(parts, 0);
            all.attach(manager);
            return all;
        }
    }

    private static long[] toLong(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
