package ml.frontier.core.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ml.frontier.core.onnx.proto.Onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The ONNX operators a white-box import runs, as differentiable DJL array operations, in
 * inference semantics (batch-norm with its stored statistics, dropout as identity).
 */
final class OnnxOps {

    /** The operators {@link #run} knows. */
    static final Set<String> SUPPORTED = Set.of("Gemm", "MatMul", "Conv", "Relu", "MaxPool", "AveragePool",
            "GlobalAveragePool", "BatchNormalization", "Flatten", "Reshape", "Add", "Sub", "Mul", "Div", "Softmax",
            "Dropout", "Identity", "Constant", "Concat", "Transpose", "Pad");

    private OnnxOps() {}

    /** Checks what can be checked before running: supported operator, only zero pads, 2-D pooling. */
    static void check(Onnx.NodeProto n) {
        String op = n.getOpType();
        if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx") || !SUPPORTED.contains(op)) {
            throw new IllegalArgumentException("unsupported ONNX operator " + (n.getDomain().isEmpty() ? "" : n.getDomain() + "::")
                    + op + " for a white-box import (it knows " + new java.util.TreeSet<>(SUPPORTED) + ")");
        }
        if ((op.equals("MaxPool") || op.equals("AveragePool")) && ints(n, "kernel_shape", null).length != 2) {
            throw new IllegalArgumentException(op + " node '" + n.getName() + "' is not 2-D");
        }
        if (op.equals("Conv") && ints(n, "kernel_shape", new long[] {1, 1}).length != 2) {
            throw new IllegalArgumentException("Conv node '" + n.getName() + "' is not 2-D");
        }
        if (op.equals("Pad") && !"constant".equals(string(n, "mode", "constant"))) {
            throw new IllegalArgumentException("Pad node '" + n.getName() + "' is not constant padding");
        }
        for (String a : new String[] {"auto_pad"}) {
            String v = string(n, a, "NOTSET");
            if (!v.equals("NOTSET") && !v.equals("VALID")) {
                throw new IllegalArgumentException(op + " node '" + n.getName() + "' uses auto_pad=" + v);
            }
        }
    }

    /** Runs one node on its inputs (absent optional inputs are null); returns its first output. */
    static NDArray run(Onnx.NodeProto n, List<NDArray> in) {
        NDArray x = in.get(0);
        return switch (n.getOpType()) {
            case "Relu" -> Activation.relu(x);
            case "Dropout", "Identity" -> x;
            case "Add" -> x.add(in.get(1));
            case "Sub" -> x.sub(in.get(1));
            case "Mul" -> x.mul(in.get(1));
            case "Div" -> x.div(in.get(1));
            case "MatMul" -> x.matMul(in.get(1));
            case "Softmax" -> x.softmax((int) integer(n, "axis", -1));
            case "Transpose" -> x.transpose(toInts(ints(n, "perm", null)));
            case "Concat" -> NDArrays.concat(new NDList(in.toArray(new NDArray[0])), (int) normalise(integer(n, "axis", 0), x));
            case "Flatten" -> flatten(x, integer(n, "axis", 1));
            case "Reshape" -> reshape(x, in.get(1).toLongArray());
            case "Gemm" -> gemm(n, x, in.get(1), in.size() > 2 ? in.get(2) : null);
            case "Conv" -> conv(n, x, in.get(1), in.size() > 2 ? in.get(2) : null);
            case "MaxPool" -> Pool.maxPool2d(x, new Shape(ints(n, "kernel_shape", null)), new Shape(ints(n, "strides", new long[] {1, 1})),
                    symmetric(n), integer(n, "ceil_mode", 0) == 1);
            case "AveragePool" -> Pool.avgPool2d(x, new Shape(ints(n, "kernel_shape", null)), new Shape(ints(n, "strides", new long[] {1, 1})),
                    symmetric(n), integer(n, "ceil_mode", 0) == 1, integer(n, "count_include_pad", 0) == 1);
            case "GlobalAveragePool" -> x.mean(new int[] {3}, true).mean(new int[] {2}, true);
            case "BatchNormalization" -> batchNorm(x, in.get(1), in.get(2), in.get(3), in.get(4), floating(n, "epsilon", 1e-5f));
            case "Pad" -> pad(n, x, in.size() > 1 ? in.get(1) : null);
            default -> throw new IllegalArgumentException("unsupported ONNX operator " + n.getOpType());
        };
    }

    private static NDArray flatten(NDArray x, long axis) {
        long[] d = x.getShape().getShape();
        int a = (int) normalise(axis, x);
        long outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= d[i];
        }
        return x.reshape(outer, -1);
    }

    private static NDArray reshape(NDArray x, long[] shape) {
        long[] target = shape.clone();
        for (int i = 0; i < target.length; i++) {
            if (target[i] == 0) {
                target[i] = x.getShape().get(i);
            }
        }
        return x.reshape(target);
    }

    private static NDArray gemm(Onnx.NodeProto n, NDArray a, NDArray b, NDArray c) {
        NDArray aa = integer(n, "transA", 0) == 1 ? local(a.transpose(), a) : a;
        NDArray bb = integer(n, "transB", 0) == 1 ? local(b.transpose(), a) : b;
        NDArray y = aa.matMul(bb);
        float alpha = floating(n, "alpha", 1f), beta = floating(n, "beta", 1f);
        if (alpha != 1f) {
            y = y.mul(alpha);
        }
        return c == null ? y : y.add(beta == 1f ? c : local(c.mul(beta), a));
    }

    private static NDArray conv(Onnx.NodeProto n, NDArray x, NDArray w, NDArray b) {
        return Conv2d.conv2d(x, w, b, new Shape(ints(n, "strides", new long[] {1, 1})), symmetric(n),
                new Shape(ints(n, "dilations", new long[] {1, 1})), (int) integer(n, "group", 1)).singletonOrThrow();
    }

    private static NDArray batchNorm(NDArray x, NDArray scale, NDArray bias, NDArray mean, NDArray var, float eps) {
        long c = scale.size();
        NDArray std = local(local(var.add(eps), x).sqrt(), x).reshape(1, c, 1, 1);
        return x.sub(local(mean.reshape(1, c, 1, 1), x)).div(local(std, x)).mul(local(scale.reshape(1, c, 1, 1), x))
                .add(local(bias.reshape(1, c, 1, 1), x));
    }

    /**
     * Hands {@code temp} (computed from a parameter, so owned by the model's manager) to the
     * manager of the activation {@code anchor}, which frees it with the batch.
     */
    private static NDArray local(NDArray temp, NDArray anchor) {
        if (temp.getManager() != anchor.getManager()) {
            temp.attach(anchor.getManager());
        }
        return temp;
    }

    private static NDArray pad(Onnx.NodeProto n, NDArray x, NDArray pads) {
        long[] p = pads == null ? ints(n, "pads", new long[0]) : pads.toLongArray();
        for (long v : p) {
            if (v != 0) {
                throw new IllegalArgumentException("Pad node '" + n.getName() + "' with non-zero pads " + Arrays.toString(p)
                        + " is not supported by the white-box import");
            }
        }
        return x;
    }

    /** ONNX pads {@code [h_begin, w_begin, h_end, w_end]} as DJL's symmetric padding. */
    private static Shape symmetric(Onnx.NodeProto n) {
        long[] p = ints(n, "pads", new long[] {0, 0, 0, 0});
        if (p.length != 4 || p[0] != p[2] || p[1] != p[3]) {
            throw new IllegalArgumentException(n.getOpType() + " node '" + n.getName() + "' has asymmetric pads "
                    + Arrays.toString(p) + ", which the white-box import does not support");
        }
        return new Shape(p[0], p[1]);
    }

    private static long normalise(long axis, NDArray x) {
        return axis < 0 ? axis + x.getShape().dimension() : axis;
    }

    private static int[] toInts(long[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    private static Onnx.AttributeProto attribute(Onnx.NodeProto n, String name) {
        for (Onnx.AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    static long[] ints(Onnx.NodeProto n, String name, long[] absent) {
        Onnx.AttributeProto a = attribute(n, name);
        if (a == null) {
            if (absent == null) {
                throw new IllegalArgumentException(n.getOpType() + " node '" + n.getName() + "' has no " + name);
            }
            return absent;
        }
        long[] v = new long[a.getIntsCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getInts(i);
        }
        return v;
    }

    private static long integer(Onnx.NodeProto n, String name, long absent) {
        Onnx.AttributeProto a = attribute(n, name);
        return a == null ? absent : a.getI();
    }

    private static float floating(Onnx.NodeProto n, String name, float absent) {
        Onnx.AttributeProto a = attribute(n, name);
        return a == null ? absent : a.getF();
    }

    private static String string(Onnx.NodeProto n, String name, String absent) {
        Onnx.AttributeProto a = attribute(n, name);
        return a == null ? absent : a.getS().toStringUtf8();
    }
}
