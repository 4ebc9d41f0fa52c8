package ml.frontier.core.onnx;

import com.google.protobuf.ByteString;
import ml.frontier.core.io.AtomicFiles;
import ml.frontier.core.model.FrontierVersion;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.onnx.proto.Onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Exports the {@code mlp} and {@code cnn} networks of the zoo to ONNX (opset 13), so a model
 * trained here can be served by any ONNX runtime — and so Frontier's ONNX path can be tested
 * without Python. Dropout is left out (inference graph).
 *
 * <p>The messages are built with the classes protoc generates from {@code onnx.proto}.
 */
public final class OnnxExport {

    private OnnxExport() {}

    /** Writes {@code model} as an ONNX file with input "input" [N,C,H,W] and output "logits" [N,K]. */
    public static void write(NetworkModel model, Path file) throws IOException {
        AtomicFiles.write(file, toBytes(model));
    }

    public static byte[] toBytes(NetworkModel model) {
        String arch = model.spec().architecture();
        List<String> weights = new ArrayList<>();
        for (String n : model.parameterNames()) {
            weights.add(n);
        }
        Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder();
        String cur = "input";
        int node = 0;
        List<String> pending = new ArrayList<>(weights);
        if (arch.equals("mlp")) {
            cur = node(graph, "Flatten", List.of(cur), "flat", List.of(intAttr("axis", 1)), node++);
            for (int layer = 0; layer < pending.size() / 2; layer++) {
                String w = pending.get(2 * layer), b = pending.get(2 * layer + 1);
                cur = node(graph, "Gemm", List.of(cur, w, b), layer == pending.size() / 2 - 1 ? "logits" : "fc" + layer,
                        List.of(intAttr("transB", 1)), node++);
                if (layer < pending.size() / 2 - 1) {
                    cur = node(graph, "Relu", List.of(cur), "relu" + layer, List.of(), node++);
                }
            }
        } else if (arch.equals("cnn")) {
            cur = node(graph, "Conv", List.of(cur, pending.get(0), pending.get(1)), "conv1", List.of(), node++);
            cur = node(graph, "Relu", List.of(cur), "relu1", List.of(), node++);
            cur = node(graph, "Conv", List.of(cur, pending.get(2), pending.get(3)), "conv2", List.of(), node++);
            cur = node(graph, "Relu", List.of(cur), "relu2", List.of(), node++);
            cur = node(graph, "MaxPool", List.of(cur), "pool",
                    List.of(intsAttr("kernel_shape", 2, 2), intsAttr("strides", 2, 2)), node++);
            cur = node(graph, "Flatten", List.of(cur), "flat", List.of(intAttr("axis", 1)), node++);
            cur = node(graph, "Gemm", List.of(cur, pending.get(4), pending.get(5)), "fc1", List.of(intAttr("transB", 1)), node++);
            cur = node(graph, "Relu", List.of(cur), "relu3", List.of(), node++);
            node(graph, "Gemm", List.of(cur, pending.get(6), pending.get(7)), "logits", List.of(intAttr("transB", 1)), node++);
        } else {
            throw new IllegalArgumentException("ONNX export supports mlp and cnn, not " + arch);
        }
        graph.setName("frontier-" + arch);
        for (String w : weights) {
            graph.addInitializer(floatTensor(w, model.shape(w), model.values(w)));
        }
        var in = model.inputShape();
        graph.addInput(valueInfo("input", new Object[] {"N", (long) in.channels(), (long) in.height(), (long) in.width()}));
        graph.addOutput(valueInfo("logits", new Object[] {"N", (long) model.numClasses()}));
        return Onnx.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("frontier")
                .setProducerVersion(FrontierVersion.VERSION)
                .setGraph(graph)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .build().toByteArray();
    }

    /** A float32 tensor with its values as little-endian raw data. */
    public static Onnx.TensorProto floatTensor(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name)
                .setDataType(Onnx.TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(raw.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static String node(Onnx.GraphProto.Builder graph, String op, List<String> inputs, String output,
                               List<Onnx.AttributeProto> attrs, int index) {
        graph.addNode(Onnx.NodeProto.newBuilder().addAllInput(inputs).addOutput(output)
                .setName(op.toLowerCase(java.util.Locale.ROOT) + index).setOpType(op).addAllAttribute(attrs));
        return output;
    }

    private static Onnx.AttributeProto intAttr(String name, long value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setI(value).setType(Onnx.AttributeProto.AttributeType.INT).build();
    }

    private static Onnx.AttributeProto intsAttr(String name, long... values) {
        Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static Onnx.ValueInfoProto valueInfo(String name, Object[] dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            shape.addDim(d instanceof Long l ? Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(l)
                    : Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam((String) d));
        }
        Onnx.TypeProto.Tensor tensor = Onnx.TypeProto.Tensor.newBuilder()
                .setElemType(Onnx.TensorProto.DataType.FLOAT_VALUE).setShape(shape).build();
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder().setTensorType(tensor)).build();
    }
}
