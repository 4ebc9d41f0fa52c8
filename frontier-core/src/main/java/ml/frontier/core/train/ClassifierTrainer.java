package ml.frontier.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.Batches;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.engine.Engines;
import ml.frontier.core.engine.Gradients;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.progress.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Trains a classifier with Adam on softmax cross-entropy, epoch by epoch, reporting loss and
 * accuracy. Used to train models, to stitch watermarks in and by fine-tuning attacks.
 */
public final class ClassifierTrainer {

    private final TrainingConfig config;
    private final Progress progress;

    public ClassifierTrainer(TrainingConfig config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    /**
     * Trains {@code model} in place on {@code train}; measures accuracy on {@code test} after each
     * epoch when it is not null. Frozen parameters (see {@link TrainingConfig#trainable()}) keep
     * their values.
     */
    public TrainingReport train(TrainableModel model, Dataset train, Dataset test) throws FrontierException {
        if (!train.shape().equals(model.inputShape())) {
            throw new FrontierException("training data " + train + " does not fit the model's input " + model.inputShape());
        }
        Engines.seed(config.seed());
        Random rng = new Random(config.seed());
        List<Parameter> trained = new ArrayList<>();
        for (String name : model.parameterNames()) {
            boolean train1 = config.trainable().test(name) && model.isTrainable(name);
            model.parameter(name).freeze(!train1);
            if (train1) {
                trained.add(model.parameter(name));
            }
        }
        List<TrainingReport.Epoch> epochs = new ArrayList<>();
        long start = System.nanoTime();
        try (Adam adam = new Adam(trained, model.manager(), config.learningRate(), 0.9f, 0.999f, 1e-8f, config.clip())) {
            ScriptedStep scripted = config.scriptedStep() ? ScriptedStep.of(model, adam) : null;
            for (int e = 1; e <= config.epochs(); e++) {
                long t0 = System.nanoTime();
                StepClock clock = new StepClock();
                long cpu0 = clock.now();
                Batches batches = new Batches(train, config.batchSize(), rng);
                progress.start(String.format(Locale.ROOT, "epoch %d/%d", e, config.epochs()), batches.count());
                double lossSum = 0;
                long correct = 0, seen = 0;
                int b = 0;
                clock.start();
                for (Dataset batch : batches) {
                    float[] stats = scripted != null ? scriptedStep(model, batch, adam, scripted, clock)
                            : step(model, batch, adam, clock);
                    lossSum += stats[0] * batch.size();
                    correct += (long) stats[1];
                    seen += batch.size();
                    b++;
                    progress.update(b, String.format(Locale.ROOT, "loss %.4f acc %.4f", lossSum / seen, (double) correct / seen));
                    clock.skip();
                }
                TrainingReport.Phases phases = clock.phases((clock.now() - cpu0) / 1e9);
                double testAcc = test == null ? Double.NaN : Evaluation.accuracy(new DjlClassifier(model), test);
                double secs = (System.nanoTime() - t0) / 1e9;
                TrainingReport.Epoch ep = new TrainingReport.Epoch(e, lossSum / Math.max(1, seen),
                        (double) correct / Math.max(1, seen), testAcc, secs, phases);
                epochs.add(ep);
                progress.finish(String.format(Locale.ROOT, "epoch %d/%d: loss %.4f, train acc %.4f%s, %.1f s",
                        e, config.epochs(), ep.loss(), ep.trainAccuracy(),
                        Double.isNaN(testAcc) ? "" : String.format(Locale.ROOT, ", test acc %.4f", testAcc), secs));
            }
        } finally {
            for (String name : model.parameterNames()) {
                model.parameter(name).freeze(false);
            }
        }
        model.rehash();
        return new TrainingReport(epochs, (System.nanoTime() - start) / 1e9);
    }

    /** One step as one scripted call (forward to update: timed as "forward"); returns {mean loss, number correct}. */
    private static float[] scriptedStep(TrainableModel model, Dataset batch, Adam adam, ScriptedStep scripted,
                                        StepClock clock) {
        return Gradients.run(gc -> {
            try (NDManager sub = model.manager().newSubManager()) {
                NDArray x = sub.create(batch.images().data(), new Shape(batch.images().djlShape()));
                NDArray y = sub.create(batch.labels()).toType(ai.djl.ndarray.types.DataType.INT64, false);
                clock.mark(StepClock.Phase.BATCH);
                float[] stats = scripted.run(sub, x, y, adam, true);
                clock.mark(StepClock.Phase.FORWARD);
                return stats;
            }
        });
    }

    /** One Adam step on one batch, its phases timed; returns {mean loss, number correct}. */
    private static float[] step(TrainableModel model, Dataset batch, Adam adam, StepClock clock) {
        int k = model.numClasses();
        float[] result = Gradients.run(gc -> {
            try (NDManager sub = model.manager().newSubManager()) {
                NDArray x = sub.create(batch.images().data(), new Shape(batch.images().djlShape()));
                NDArray y = sub.create(batch.labels()).toType(ai.djl.ndarray.types.DataType.INT64, false).reshape(-1, 1);
                clock.mark(StepClock.Phase.BATCH); // with the Java copy the iterator made before the step
                NDArray logits = model.logits(new ParameterStore(sub, false), x, true);
                // pick each label's log-probability: cheaper than a one-hot product (bench/train)
                NDArray loss = logits.logSoftmax(1).gather(y, 1).mean().neg();
                clock.mark(StepClock.Phase.FORWARD);
                gc.backward(loss);
                clock.mark(StepClock.Phase.BACKWARD);
                int correct = 0;
                int[] pred = ml.frontier.core.classifier.WhiteBoxClassifier.argmax(logits.toFloatArray(), k);
                for (int i = 0; i < pred.length; i++) {
                    if (pred[i] == batch.labels()[i]) {
                        correct++;
                    }
                }
                return new float[] {loss.getFloat(), correct};
            }
        });
        clock.skip();
        adam.step();
        clock.mark(StepClock.Phase.OPTIMIZER);
        return result;
    }
}
