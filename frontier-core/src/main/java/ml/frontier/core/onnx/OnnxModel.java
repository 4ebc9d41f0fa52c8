package ml.frontier.core.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
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
import ml.frontier.core.onnx.proto.Onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's ONNX classifier imported as a white box: its float initializers become trainable
 * parameters and its graph runs node by node as differentiable DJL operations ({@link OnnxOps}).
 *
 * <p>Inference semantics always: batch-norm uses the stored statistics (they are state, not
 * trained, and fine-tuning leaves them alone) and dropout is the identity. A graph that ends in
 * Softmax is run without it, so {@link #logits} are the scores before it (same arg-max).
 * {@link #save} writes the user's original graph back with only the initializers replaced, by
 * name: same nodes, opset and dynamic axes; the provenance goes to a sidecar.
 */
public final class OnnxModel extends AbstractImportedModel {

    private final Onnx.ModelProto proto;
    private final Map<String, Parameter> parameters;
    private final Map<String, NDArray> constants;
    private final Set<String> statistics;
    private final Set<String> lastLayer;
    private final List<Onnx.NodeProto> nodes;
    private final String input;
    private final String output;
    private final boolean flattened;

    private OnnxModel(Onnx.ModelProto proto, String name, Map<String, float[]> values, ImageShape inputShape,
                      int numClasses, Preprocessing preprocessing, ModelMetadata metadata) {
        super(Engines.pytorch().newBaseManager(), name, inputShape, numClasses, preprocessing, metadata);
        NDManager manager = manager();
        try {
            this.proto = proto;
            Onnx.GraphProto g = proto.getGraph();
            this.input = g.getInput(0).getName();
            List<Onnx.NodeProto> run = new ArrayList<>(g.getNodeList());
            String out = g.getOutput(0).getName();
            Onnx.NodeProto last = run.get(run.size() - 1);
            if (last.getOpType().equals("Softmax") && last.getOutput(0).equals(out)) {
                run.remove(run.size() - 1);
                out = last.getInput(0);
            }
            this.output = out;
            this.statistics = new HashSet<>();
            this.constants = new HashMap<>();
            this.parameters = new LinkedHashMap<>();
            this.nodes = new ArrayList<>();
            for (Onnx.NodeProto n : run) {
                if (n.getOpType().equals("BatchNormalization")) {
                    statistics.add(n.getInput(3));
                    statistics.add(n.getInput(4));
                }
            }
            for (Onnx.TensorProto t : g.getInitializerList()) {
                if (OnnxTensors.isFloat(t)) {
                    float[] v = values.containsKey(t.getName()) ? values.get(t.getName()) : OnnxTensors.floats(t);
                    NDArray a = manager.create(v, new Shape(OnnxTensors.dims(t)));
                    boolean trained = !statistics.contains(t.getName());
                    a.setRequiresGradient(trained);
                    parameters.put(t.getName(), Parameter.builder().setName(t.getName()).setType(Parameter.Type.OTHER)
                            .optRequiresGrad(trained).optArray(a).build());
                } else {
                    constants.put(t.getName(), OnnxTensors.toArray(t, manager));
                }
            }
            String lastWeighted = null;
            for (Onnx.NodeProto n : run) {
                if (n.getOpType().equals("Constant")) {
                    for (Onnx.AttributeProto a : n.getAttributeList()) {
                        if (a.getName().equals("value")) {
                            constants.put(n.getOutput(0), OnnxTensors.toArray(a.getT(), manager));
                        }
                    }
                    continue;
                }
                nodes.add(n);
                if (Set.of("Conv", "Gemm", "MatMul").contains(n.getOpType()) && n.getInputCount() > 1
                        && parameters.containsKey(n.getInput(1))) {
                    lastWeighted = n.getName() + "\u0000" + String.join("\u0000", n.getInputList());
                }
            }
            this.lastLayer = new HashSet<>();
            if (lastWeighted != null) {
                for (String s : lastWeighted.split("\u0000")) {
                    if (parameters.containsKey(s)) {
                        lastLayer.add(s);
                    }
                }
            }
            this.flattened = g.getInput(0).getType().getTensorType().getShape().getDimCount() == 2;
        } catch (RuntimeException e) {
            close(); // a tensor type the import cannot read: free what was made
            throw e;
        }
    }

    /**
     * Imports {@code file}: one image input, every operator in {@link OnnxOps#SUPPORTED}; the
     * shape and classes come from the graph as for the black-box path ({@code options} fill in).
     */
    public static OnnxModel load(Path file, ModelOptions options) throws FrontierException {
        OnnxGraph graph = OnnxGraph.read(file);
        graph.checkKnownDomains();
        OnnxGraph.Value in = graph.singleInput();
        checkImportable(file, graph.proto());
        Onnx.ModelProto proto = graph.proto();
        if (!proto.getGraph().getInput(0).getName().equals(in.name())) {
            // keep the image input first (initializers listed as inputs come after it in every exporter we know)
            throw new FrontierException(file + ": the image input " + in.name() + " is not the graph's first input");
        }
        ImportedFile imported = ImportedFile.read(file);
        Preprocessing pre = imported.preprocessing(options);
        ImageShape shape = imageShape(file, in, options, pre);
        int classes;
        try (OnnxModel probe = importing(file, proto, shape, 2, pre, null)) {
            classes = probe.probeClasses();
        } catch (RuntimeException e) {
            throw new FrontierException(file + ": the imported graph does not run on images of shape " + shape + " ("
                    + OnnxGraph.firstLine(e.getMessage()) + ")");
        }
        if (options.numClasses() != null && options.numClasses() != classes) {
            throw new FrontierException(file + ": the graph scores " + classes + " classes, not " + options.numClasses());
        }
        OnnxModel m = importing(file, proto, shape, classes, pre, imported.metadata("onnx", shape, classes));
        m.rehash();
        return m;
    }

    private static OnnxModel importing(Path file, Onnx.ModelProto proto, ImageShape shape, int classes, Preprocessing pre,
                                       ModelMetadata metadata) throws FrontierException {
        try {
            return new OnnxModel(proto, file.getFileName().toString(), Map.of(), shape, classes, pre, metadata);
        } catch (IllegalArgumentException e) {
            throw new FrontierException(file + ": " + e.getMessage());
        }
    }

    /** Whether {@code file} is an ONNX graph {@link #load} can import (one input, known operators). */
    public static boolean importable(Path file) {
        try {
            OnnxGraph graph = OnnxGraph.read(file);
            graph.checkKnownDomains();
            graph.singleInput();
            checkImportable(file, graph.proto());
            return true;
        } catch (FrontierException e) {
            return false;
        }
    }

    private static void checkImportable(Path file, Onnx.ModelProto proto) throws FrontierException {
        for (Onnx.NodeProto n : proto.getGraph().getNodeList()) {
            try {
                OnnxOps.check(n);
            } catch (IllegalArgumentException e) {
                throw new FrontierException(file + ": " + e.getMessage());
            }
        }
    }

    private static ImageShape imageShape(Path file, OnnxGraph.Value in, ModelOptions options, Preprocessing pre)
            throws FrontierException {
        long[] d = in.dims() == null ? new long[0] : in.dims();
        if (d.length == 4 && d[1] > 0 && d[2] > 0 && d[3] > 0) {
            return pre.imageShape(new long[] {d[1], d[2], d[3]});
        }
        if (options.inputShape() != null) {
            return options.inputShape();
        }
        if (d.length == 2 && d[1] == ImageShape.MNIST.size()) {
            return ImageShape.MNIST;
        }
        throw new FrontierException(file + ": the graph's input " + in.name() + " does not say the image shape: give --input-shape CxHxW");
    }

    private int probeClasses() {
        ImageShape in = inputShape();
        return Engines.withoutGradients(() -> {
            try (NDManager sub = manager().newSubManager()) {
                NDArray x = sub.zeros(new Shape(2, in.channels(), in.height(), in.width()));
                long[] s = logits(null, x, false).getShape().getShape();
                if (s.length != 2 || s[0] != 2) {
                    throw new IllegalArgumentException("output shape " + java.util.Arrays.toString(s) + " is not [batch, classes]");
                }
                return (int) s[1];
            }
        });
    }

    /** The graph output's name the logits are read from (before a final Softmax, if any). */
    public String logitsOutput() {
        return output;
    }

    /** Runs the graph; intermediate arrays live in the images' manager. Training changes nothing (see class note). */
    @Override
    public NDArray logits(ParameterStore ps, NDArray images, boolean training) {
        NDManager local = images.getManager();
        NDArray x = preprocessing().apply(images);
        if (flattened) {
            x = x.reshape(x.getShape().get(0), -1);
        }
        Map<String, NDArray> values = new HashMap<>();
        values.put(input, x);
        for (Onnx.NodeProto n : nodes) {
            List<NDArray> in = new ArrayList<>();
            for (String i : n.getInputList()) {
                in.add(i.isEmpty() ? null : value(values, i, n));
            }
            NDArray y = OnnxOps.run(n, in);
            if (y.getManager() != local) {
                y.attach(local);
            }
            values.put(n.getOutput(0), y);
        }
        NDArray out = values.get(output);
        if (out == null) {
            throw new IllegalStateException(name() + ": no node computes the output " + output);
        }
        return out;
    }

    private NDArray value(Map<String, NDArray> values, String tensor, Onnx.NodeProto n) {
        NDArray v = values.get(tensor);
        if (v == null && parameters.containsKey(tensor)) {
            v = parameters.get(tensor).getArray();
        }
        if (v == null) {
            v = constants.get(tensor);
        }
        if (v == null) {
            throw new IllegalStateException(name() + ": node '" + n.getName() + "' (" + n.getOpType()
                    + ") reads " + tensor + ", which nothing before it computes");
        }
        return v;
    }

    @Override
    public List<String> parameterNames() {
        return new ArrayList<>(parameters.keySet());
    }

    @Override
    public Parameter parameter(String tensor) {
        Parameter p = parameters.get(tensor);
        if (p == null) {
            throw new IllegalArgumentException("no parameter '" + tensor + "' in " + name() + " (it has " + parameters.keySet() + ")");
        }
        return p;
    }

    /** Every float initializer but batch-norm's running mean and variance. */
    @Override
    public boolean isTrainable(String name) {
        parameter(name);
        return !statistics.contains(name);
    }

    @Override
    public boolean isWeight(String name) {
        return !statistics.contains(name) && parameter(name).getArray().getShape().dimension() >= 2;
    }

    /** The parameters of the last Conv, Gemm or MatMul node. */
    @Override
    public boolean isLastLayer(String name) {
        parameter(name);
        return lastLayer.contains(name);
    }

    @Override
    public OnnxModel copy() {
        return new OnnxModel(proto, name(), snapshot(), inputShape(), numClasses(), preprocessing(), metadata());
    }

    /** SHA-256 over every float initializer's name and values, in the graph's order. */
    @Override
    public String sha256() {
        MessageDigest d = Hashing.sha256();
        for (var e : parameters.entrySet()) {
            d.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            Hashing.update(d, e.getValue().getArray().toFloatArray());
        }
        return Hashing.hex(d);
    }

    /** The user's graph with the current values in its initializers (replaced by name). */
    public byte[] toBytes() {
        Onnx.GraphProto.Builder g = proto.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            Onnx.TensorProto t = g.getInitializer(i);
            if (parameters.containsKey(t.getName())) {
                g.setInitializer(i, OnnxTensors.withFloats(t, values(t.getName())));
            }
        }
        return proto.toBuilder().setGraph(g).build().toByteArray();
    }

    /** Writes the graph back with the current weights, and the sidecar {@code file.frontier.json}. */
    @Override
    public void save(Path file) throws IOException {
        writeWithSidecar(file, toBytes());
    }

    @Override
    protected String format() {
        return "ONNX (imported)";
    }
}
