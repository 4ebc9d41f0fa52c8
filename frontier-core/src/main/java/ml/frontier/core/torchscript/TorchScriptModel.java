package ml.frontier.core.torchscript;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ml.frontier.core.FrontierException;
import ml.frontier.core.engine.Engines;
import ml.frontier.core.image.ImageShape;
import ml.frontier.core.image.Preprocessing;
import ml.frontier.core.io.Hashing;
import ml.frontier.core.model.AbstractImportedModel;
import ml.frontier.core.model.ImportedFile;
import ml.frontier.core.model.ModelMetadata;
import ml.frontier.core.model.ModelOptions;
import ml.frontier.core.model.ModelSidecar;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's TorchScript classifier as a white box, held by DJL's PyTorch engine with its
 * parameters trainable.
 *
 * <p>The module's own mode is set on every call: {@code training=false} runs it in evaluation
 * mode (no dropout, batch-norm with its running statistics) even when the input gradient is
 * recorded — a plain {@code PtSymbolBlock.forward(…, false)} would both switch to evaluation and
 * turn gradient recording off. The {@link Preprocessing} runs inside the forward pass, so logits
 * and gradients are those of {@code [0,1]} {@code N×C×H×W} images.
 *
 * <p>A traced module exposes neither layers nor penultimate features: the features that marker
 * strategies and diverse selection use are the logits. Weights are the parameters of rank 2 or
 * more; the last layer is the module that owns the last of them. The hash covers parameters and
 * buffers (batch-norm statistics).
 */
public final class TorchScriptModel extends AbstractImportedModel {

    /** Image shapes tried, in order, when neither the user nor a sidecar gives one. */
    static final List<ImageShape> PROBED = List.of(ImageShape.MNIST, ImageShape.CIFAR, new ImageShape(1, 32, 32),
            new ImageShape(3, 28, 28), new ImageShape(3, 224, 224));

    private final PtSymbolBlock block;
    private Boolean training;

    private TorchScriptModel(PtNDManager manager, PtSymbolBlock block, ImageShape inputShape, int numClasses,
                             Preprocessing preprocessing, String name, ModelMetadata metadata) {
        super(manager, name, inputShape, numClasses, preprocessing, metadata);
        this.block = block;
    }

    /**
     * Loads a TorchScript file. The input shape and transform come from {@code options}, else from
     * the sidecar Frontier wrote beside it, else the shape is probed ({@link #PROBED}); the number
     * of classes is read from a forward pass.
     */
    public static TorchScriptModel load(Path file, ModelOptions options) throws FrontierException {
        ImportedFile imported = ImportedFile.read(file);
        Preprocessing pre = imported.preprocessing(options);
        PtNDManager manager = (PtNDManager) Engines.pytorch().newBaseManager();
        try {
            PtSymbolBlock block;
            try {
                block = JniUtils.loadModule(manager, file.toAbsolutePath(), false, new String[0], new String[0], true);
            } catch (RuntimeException e) {
                throw new FrontierException(file + ": not a loadable TorchScript file (" + reason(e) + ")");
            }
            String name = file.getFileName().toString();
            ImageShape shape = options.inputShape() != null ? options.inputShape() : imported.recordedShape();
            TorchScriptModel m = new TorchScriptModel(manager, block, ImageShape.MNIST, 2, pre, name, null);
            Probe probe = shape != null ? m.probe(shape, file, true) : m.probeAll(file);
            if (options.numClasses() != null && options.numClasses() != probe.classes) {
                throw new FrontierException(file + ": the model gives " + probe.classes + " scores per image, not the "
                        + options.numClasses() + " classes given");
            }
            TorchScriptModel loaded = new TorchScriptModel(manager, block, probe.shape, probe.classes, pre, name,
                    imported.metadata("torchscript", probe.shape, probe.classes));
            loaded.rehash();
            return loaded;
        } catch (FrontierException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private record Probe(ImageShape shape, int classes) {}

    private Probe probeAll(Path file) throws FrontierException {
        for (ImageShape s : PROBED) {
            Probe p = probe(s, file, false);
            if (p != null) {
                return p;
            }
        }
        throw new FrontierException(file + ": the model takes none of the image shapes " + PROBED
                + ": give its input shape (--input-shape CxHxW)");
    }

    /** Runs two zero images of {@code shape}; null (or, when {@code fail}, an exception) when that fails. */
    private Probe probe(ImageShape shape, Path file, boolean fail) throws FrontierException {
        try {
            preprocessing().check(shape);
            long[] out = Engines.withoutGradients(() -> {
                try (NDManager sub = manager().newSubManager()) {
                    NDArray x = sub.zeros(new Shape(2, shape.channels(), shape.height(), shape.width()));
                    return logits(null, x, false).getShape().getShape();
                }
            });
            if (out.length != 2 || out[0] != 2 || out[1] < 2) {
                throw new FrontierException(file + ": the model's output for images of shape " + shape + " has shape "
                        + java.util.Arrays.toString(out) + ", not [batch, classes]");
            }
            return new Probe(shape, (int) out[1]);
        } catch (RuntimeException e) {
            if (fail) {
                throw new FrontierException(file + ": the model does not take images of shape " + shape + " ("
                        + reason(e) + ")");
            }
            return null;
        }
    }

    /** The first line of an engine error, without the C++ stack libtorch appends. */
    static String reason(Throwable e) {
        String m = ModelSidecar.firstLine(e.getMessage());
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    /** Switches the module between training and evaluation behaviour when it is not there yet. */
    private synchronized void mode(boolean train) {
        if (training == null || training != train) {
            if (train) {
                JniUtils.enableTrainingMode(block);
            } else {
                JniUtils.enableInferenceMode(block);
            }
            training = train;
        }
    }

    @Override
    public NDArray logits(ParameterStore ps, NDArray images, boolean training) {
        mode(training);
        NDArray x = preprocessing().apply(images);
        // the profiling executor re-specialises the graph whenever shapes or requires-grad flags
        // change (they do between marker steps): 5-10x slower here than the plain interpreter
        JniUtils.setGraphExecutorOptimize(false);
        // record the graph whenever the thread records gradients, whatever the module's mode
        return IValueUtils.forward(block, new NDList(x), JniUtils.isGradMode()).singletonOrThrow();
    }

    @Override
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (var p : block.getParameters()) {
            names.add(p.getKey());
        }
        return names;
    }

    @Override
    public Parameter parameter(String name) {
        Parameter p = block.getParameters().get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' in " + name() + " (it has " + parameterNames() + ")");
        }
        return p;
    }

    /** Every parameter a TorchScript module lists is trained (its buffers are not parameters). */
    @Override
    public boolean isTrainable(String name) {
        parameter(name);
        return true;
    }

    @Override
    public boolean isWeight(String name) {
        return parameter(name).getArray().getShape().dimension() >= 2;
    }

    @Override
    public boolean isLastLayer(String name) {
        String last = null;
        for (String n : parameterNames()) {
            if (isWeight(n)) {
                last = n;
            }
        }
        if (last == null) {
            return false;
        }
        int dot = last.lastIndexOf('.');
        return dot < 0 ? name.equals(last) : name.startsWith(last.substring(0, dot + 1))
                && name.indexOf('.', dot + 1) < 0;
    }

    /** The module as a plain TorchScript file, in evaluation mode (what users deploy). */
    public byte[] moduleBytes() {
        mode(false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JniUtils.writeModule(block, out, false);
        return out.toByteArray();
    }

    @Override
    public TorchScriptModel copy() {
        byte[] bytes = moduleBytes();
        PtNDManager m = (PtNDManager) Engines.pytorch().newBaseManager();
        try {
            PtSymbolBlock b = JniUtils.loadModule(m, new ByteArrayInputStream(bytes), false, false);
            b.freezeParameters(false);
            return new TorchScriptModel(m, b, inputShape(), numClasses(), preprocessing(), name(), metadata());
        } catch (IOException | RuntimeException e) {
            m.close();
            throw new IllegalStateException("cannot copy TorchScript model " + name() + ": " + reason(e), e);
        }
    }

    /**
     * SHA-256 of the module's tensors: the storages of its parameters and buffers (batch-norm
     * statistics included) in the archive's order. Code, debug records and the per-save random
     * serialisation id are left out, so the same model hashes the same after a copy or a save.
     */
    @Override
    public String sha256() {
        return contentSha256(moduleBytes());
    }

    static String contentSha256(byte[] archive) {
        java.util.TreeMap<Integer, byte[]> entries = new java.util.TreeMap<>();
        for (var e : StoredZip.entries(archive).entrySet()) {
            String n = e.getKey();
            int slash = n.indexOf('/');
            String inner = slash < 0 ? n : n.substring(slash + 1);
            if (inner.matches("data/[0-9]+")) {
                entries.put(Integer.parseInt(inner.substring(5)), e.getValue());
            }
        }
        java.security.MessageDigest d = Hashing.sha256();
        for (var e : entries.entrySet()) {
            d.update(java.nio.ByteBuffer.allocate(4).putInt(e.getKey()).array());
            d.update(java.nio.ByteBuffer.allocate(8).putLong(e.getValue().length).array());
            d.update(e.getValue());
        }
        return Hashing.hex(d);
    }

    /**
     * Writes {@code file} as plain TorchScript (evaluation mode, no DJL header) and the sidecar
     * {@code file.frontier.json} with the metadata, the transform and the file's hash.
     */
    @Override
    public void save(Path file) throws IOException {
        writeWithSidecar(file, moduleBytes());
    }

    @Override
    protected String format() {
        return "TorchScript";
    }
}
