package ml.frontier.serve;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.WhiteBoxClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.ImageShape;
import ml.frontier.serve.protocol.Datatypes;
import ml.frontier.serve.protocol.InferRequest;
import ml.frontier.serve.protocol.InferResponse;
import ml.frontier.serve.protocol.RequestTensor;
import ml.frontier.serve.protocol.ResponseTensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks an inference request against a model and runs it: one input of the model's declared
 * datatype (integer datatypes carry pixels on the 0–255 scale) and shape
 * {@code [N,C,H,W]} or {@code [N,C*H*W]}, {@code 1 ≤ N ≤ maxBatch}, data length equal to the
 * shape's product. Answers the label and, when the model exposes them and the client did not
 * ask for fewer outputs, the softmax probabilities.
 *
 * <p>Inferences run on {@link ServeLimits#maxConcurrency()} dedicated threads, in arrival order:
 * the engine then sees a few long-lived threads (its per-thread caches stay warm) rather than
 * every HTTP worker, and the cores are not oversubscribed. HTTP threads parse and wait.
 */
public final class InferenceService implements AutoCloseable {

    /** A response and how many images it answered (for metrics and the audit). */
    public record Outcome(InferResponse response, int images) {}

    private final ModelRegistry registry;
    private final ServeLimits limits;
    private final ExecutorService workers;

    public InferenceService(ModelRegistry registry, ServeLimits limits) {
        this.registry = registry;
        this.limits = limits;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(limits.maxConcurrency(), r -> {
            Thread t = new Thread(r, "frontier-infer-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Validates and runs {@code request} on the model called {@code modelName}. */
    public Outcome infer(String modelName, InferRequest request) {
        ServedModel model = registry.get(modelName);
        ImageBatch images = images(model, request);
        List<String> wanted = wantedOutputs(model, request.outputs());
        Future<List<ResponseTensor>> result;
        try {
            result = workers.submit(() -> run(model, images, wanted));
        } catch (RejectedExecutionException e) {
            throw new OipException(503, "the server is shutting down");
        }
        try {
            return new Outcome(new InferResponse(model.name(), request.id(), result.get()), images.n());
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new OipException(503, "the server is shutting down");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FrontierException fe) {
                throw new OipException(500, "inference failed: " + fe.getMessage());
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("inference failed", e.getCause());
        }
    }

    private static List<ResponseTensor> run(ServedModel model, ImageBatch images, List<String> wanted) throws FrontierException {
        List<ResponseTensor> outputs = new ArrayList<>();
        if (wanted.contains(ServedModel.PROBABILITIES)) {
            WhiteBoxClassifier wb = (WhiteBoxClassifier) model.classifier();
            int k = wb.numClasses();
            float[] logits = wb.logits(images);
            for (String name : wanted) {
                outputs.add(name.equals(ServedModel.LABEL)
                        ? ResponseTensor.labels(name, WhiteBoxClassifier.argmax(logits, k), model.types().label())
                        : ResponseTensor.scores(name, WhiteBoxClassifier.softmax(logits, k), k, model.types().scores()));
            }
        } else {
            outputs.add(ResponseTensor.labels(ServedModel.LABEL, model.classifier().predict(images), model.types().label()));
        }
        return outputs;
    }

    /** Stops the inference threads (requests still queued fail with 503). */
    @Override
    public void close() {
        workers.shutdownNow();
    }

    private ImageBatch images(ServedModel model, InferRequest request) {
        if (request.inputs().size() != 1) {
            throw OipException.badRequest("model '" + model.name() + "' takes exactly one input tensor, the request has "
                    + request.inputs().size());
        }
        RequestTensor t = request.inputs().get(0);
        String what = t.name().isEmpty() ? "the input" : "input '" + t.name() + "'";
        String declared = model.types().input();
        if (!declared.equals(t.datatype())) {
            throw OipException.badRequest(what + " has datatype " + t.datatype() + " but model '" + model.name()
                    + "' takes " + declared);
        }
        ImageShape s = model.classifier().inputShape();
        long[] shape = t.shape();
        boolean nchw = shape.length == 4 && shape[1] == s.channels() && shape[2] == s.height() && shape[3] == s.width();
        boolean flat = shape.length == 2 && shape[1] == s.size();
        if (!nchw && !flat) {
            throw OipException.badRequest(what + " has shape " + t.shapeText() + " but model '" + model.name()
                    + "' takes [N, " + s.channels() + ", " + s.height() + ", " + s.width() + "] or [N, " + s.size() + "]");
        }
        long n = shape[0];
        if (n < 0) {
            throw OipException.badRequest(what + " has a negative batch size " + n);
        }
        if (n == 0) {
            throw OipException.badRequest("empty batch: " + what + " holds no images");
        }
        if (n > limits.maxBatch()) {
            throw OipException.tooLarge(what + " holds " + n + " images, more than this server's limit of "
                    + limits.maxBatch() + " per request");
        }
        long expected = n * s.size();
        if (t.data().length != expected) {
            throw OipException.badRequest(what + " holds " + t.data().length + " values but shape " + t.shapeText()
                    + " needs " + expected);
        }
        return ImageBatch.of(pixels(t.data(), declared, what), (int) n, s);
    }

    /** The values as pixels in [0,1]: integer inputs carry 0–255 and are scaled down. */
    private static float[] pixels(float[] values, String datatype, String what) {
        if (!Datatypes.pixelsAsBytes(datatype)) {
            return values;
        }
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (v < 0 || v > 255 || v != Math.rint(v)) {
                throw OipException.badRequest(what + " holds " + v + " at element " + i + "; " + datatype
                        + " pixels must be whole numbers in 0..255");
            }
            out[i] = v / 255f;
        }
        return out;
    }

    private static List<String> wantedOutputs(ServedModel model, List<String> requested) {
        if (requested.isEmpty()) {
            return model.outputNames();
        }
        List<String> out = new ArrayList<>();
        for (String name : requested) {
            if (!model.outputNames().contains(name)) {
                throw OipException.badRequest("model '" + model.name() + "' has no output '" + name + "' (it has: "
                        + String.join(", ", model.outputNames()) + ")");
            }
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }
}
