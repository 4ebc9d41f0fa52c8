package ml.frontier.core.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ml.frontier.core.onnx.proto.Onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** ONNX tensors (float32 and int64, raw or typed data) to and from arrays. */
final class OnnxTensors {

    private OnnxTensors() {}

    static boolean isFloat(Onnx.TensorProto t) {
        return t.getDataType() == Onnx.TensorProto.DataType.FLOAT_VALUE;
    }

    static long[] dims(Onnx.TensorProto t) {
        long[] d = new long[t.getDimsCount()];
        for (int i = 0; i < d.length; i++) {
            d[i] = t.getDims(i);
        }
        return d;
    }

    static float[] floats(Onnx.TensorProto t) {
        if (!t.getRawData().isEmpty()) {
            float[] v = new float[t.getRawData().size() / 4];
            ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return v;
        }
        float[] v = new float[t.getFloatDataCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.getFloatData(i);
        }
        return v;
    }

    static long[] longs(Onnx.TensorProto t) {
        if (!t.getRawData().isEmpty()) {
            long[] v = new long[t.getRawData().size() / 8];
            ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(v);
            return v;
        }
        long[] v = new long[t.getInt64DataCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.getInt64Data(i);
        }
        return v;
    }

    /** A float32 or int64 tensor as an array of {@code manager}; other types are refused. */
    static NDArray toArray(Onnx.TensorProto t, NDManager manager) {
        Shape shape = new Shape(dims(t));
        if (isFloat(t)) {
            return manager.create(floats(t), shape);
        }
        if (t.getDataType() == Onnx.TensorProto.DataType.INT64_VALUE) {
            return manager.create(longs(t), shape);
        }
        throw new IllegalArgumentException("tensor " + t.getName() + " has ONNX data type " + t.getDataType()
                + " (only float32 and int64 are imported)");
    }

    /** The same initializer with new float32 values (same name, dims, everything else kept). */
    static Onnx.TensorProto withFloats(Onnx.TensorProto t, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return t.toBuilder().clearFloatData().setRawData(com.google.protobuf.ByteString.copyFrom(raw.array())).build();
    }
}
