package ml.frontier.core.model;

import ml.frontier.core.io.AtomicFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Exports the {@code mlp} and {@code cnn} networks of the zoo to ONNX (opset 13), so a model
 * trained here can be served by any ONNX runtime — and so Frontier's ONNX path can be tested
 * without Python. Dropout is left out (inference graph).
 *
 * <p>The protobuf is written by hand: the few ONNX messages needed (ModelProto, GraphProto,
 * NodeProto, TensorProto, ValueInfoProto) are small, and this avoids a code generator.
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
        Proto graph = new Proto();
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
        graph.string(2, "frontier-" + arch);
        for (String w : weights) {
            Proto t = new Proto();
            for (long d : model.shape(w)) {
                t.varint(1, d);
            }
            t.varint(2, 1);
            t.string(8, w);
            float[] v = model.values(w);
            ByteBuffer raw = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            raw.asFloatBuffer().put(v);
            t.bytes(9, raw.array());
            graph.message(5, t);
        }
        var in = model.inputShape();
        graph.message(11, valueInfo("input", new Object[] {"N", (long) in.channels(), (long) in.height(), (long) in.width()}));
        graph.message(12, valueInfo("logits", new Object[] {"N", (long) model.numClasses()}));
        Proto m = new Proto();
        m.varint(1, 8);
        m.string(2, "frontier");
        m.string(3, FrontierVersion.VERSION);
        m.message(7, graph);
        Proto opset = new Proto();
        opset.string(1, "");
        opset.varint(2, 13);
        m.message(8, opset);
        return m.toBytes();
    }

    private static String node(Proto graph, String op, List<String> inputs, String output, List<Proto> attrs, int index) {
        Proto n = new Proto();
        for (String i : inputs) {
            n.string(1, i);
        }
        n.string(2, output);
        n.string(3, op.toLowerCase(java.util.Locale.ROOT) + index);
        n.string(4, op);
        for (Proto a : attrs) {
            n.message(5, a);
        }
        graph.message(1, n);
        return output;
    }

    private static Proto intAttr(String name, long value) {
        Proto a = new Proto();
        a.string(1, name);
        a.varint(3, value);
        a.varint(20, 2);
        return a;
    }

    private static Proto intsAttr(String name, long... values) {
        Proto a = new Proto();
        a.string(1, name);
        for (long v : values) {
            a.varint(8, v);
        }
        a.varint(20, 7);
        return a;
    }

    private static Proto valueInfo(String name, Object[] dims) {
        Proto shape = new Proto();
        for (Object d : dims) {
            Proto dim = new Proto();
            if (d instanceof Long l) {
                dim.varint(1, l);
            } else {
                dim.string(2, (String) d);
            }
            shape.message(1, dim);
        }
        Proto tensor = new Proto();
        tensor.varint(1, 1);
        tensor.message(2, shape);
        Proto type = new Proto();
        type.message(1, tensor);
        Proto vi = new Proto();
        vi.string(1, name);
        vi.message(2, type);
        return vi;
    }

    /** The protobuf wire format, enough for ONNX: varints and length-delimited fields. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(int field, long value) {
            raw((long) field << 3);
            raw(value);
        }

        void string(int field, String s) {
            bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        void message(int field, Proto p) {
            bytes(field, p.toBytes());
        }

        void bytes(int field, byte[] b) {
            raw(((long) field << 3) | 2);
            raw(b.length);
            out.writeBytes(b);
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}
