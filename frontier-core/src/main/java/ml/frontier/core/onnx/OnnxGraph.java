package ml.frontier.core.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import ml.frontier.core.FrontierException;
import ml.frontier.core.io.FileBytes;
import ml.frontier.core.onnx.proto.Onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an ONNX file declares: its real inputs (graph inputs that are not initializers, which old
 * exporters list as inputs too), their dimensions, its outputs and the operators it uses.
 */
public final class OnnxGraph {

    /** Operator domains ONNX Runtime implements. */
    private static final Set<String> KNOWN_DOMAINS = Set.of("", "ai.onnx", "ai.onnx.ml", "com.microsoft");

    /** A declared tensor: its name and dimensions, -1 where symbolic or unknown. */
    public record Value(String name, long[] dims) {}

    private final Path file;
    private final Onnx.ModelProto model;

    private OnnxGraph(Path file, Onnx.ModelProto model) {
        this.file = file;
        this.model = model;
    }

    /** Parses {@code file}; a damaged or truncated one fails with a one-line message naming it. */
    public static OnnxGraph read(Path file) throws FrontierException {
        byte[] bytes = FileBytes.read(file);
        try {
            Onnx.ModelProto m = Onnx.ModelProto.parseFrom(bytes);
            if (!m.hasGraph()) {
                throw new FrontierException(file + ": an ONNX model without a graph");
            }
            return new OnnxGraph(file, m);
        } catch (InvalidProtocolBufferException e) {
            throw new FrontierException(file + ": not a readable ONNX model (" + firstLine(e.getMessage()) + ")");
        }
    }

    public Onnx.ModelProto proto() {
        return model;
    }

    /** The inputs a caller feeds (initializers excluded). */
    public List<Value> inputs() {
        Set<String> initializers = new HashSet<>();
        for (Onnx.TensorProto t : model.getGraph().getInitializerList()) {
            initializers.add(t.getName());
        }
        List<Value> out = new ArrayList<>();
        for (Onnx.ValueInfoProto v : model.getGraph().getInputList()) {
            if (!initializers.contains(v.getName())) {
                out.add(value(v));
            }
        }
        return out;
    }

    public List<Value> outputs() {
        List<Value> out = new ArrayList<>();
        for (Onnx.ValueInfoProto v : model.getGraph().getOutputList()) {
            out.add(value(v));
        }
        return out;
    }

    private static Value value(Onnx.ValueInfoProto v) {
        if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            return new Value(v.getName(), null);
        }
        List<Onnx.TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
        long[] d = new long[dims.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = dims.get(i).hasDimValue() ? dims.get(i).getDimValue() : -1;
        }
        return new Value(v.getName(), d);
    }

    /** Every operator as {@code type} or {@code domain::type}, sorted. */
    public Set<String> operators() {
        Set<String> ops = new TreeSet<>();
        for (Onnx.NodeProto n : model.getGraph().getNodeList()) {
            ops.add(n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx") ? n.getOpType() : n.getDomain() + "::" + n.getOpType());
        }
        return ops;
    }

    /** Fails with a one-line message when an operator is of a domain no runtime here implements. */
    public void checkKnownDomains() throws FrontierException {
        for (Onnx.NodeProto n : model.getGraph().getNodeList()) {
            if (!KNOWN_DOMAINS.contains(n.getDomain())) {
                throw new FrontierException(file + ": unsupported ONNX operator " + n.getDomain() + "::" + n.getOpType()
                        + " (node '" + n.getName() + "')");
            }
        }
    }

    /** Fails unless the graph has exactly one input, the images. */
    public Value singleInput() throws FrontierException {
        List<Value> in = inputs();
        if (in.size() != 1) {
            List<String> names = new ArrayList<>();
            in.forEach(v -> names.add(v.name()));
            throw new FrontierException(file + ": the graph has " + in.size() + " inputs " + names
                    + "; Frontier feeds one image input");
        }
        return in.get(0);
    }

    static String firstLine(String m) {
        String s = String.valueOf(m);
        int nl = s.indexOf('\n');
        s = nl < 0 ? s : s.substring(0, nl);
        return s.length() > 240 ? s.substring(0, 240) + "…" : s;
    }
}
