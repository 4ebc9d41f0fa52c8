package ml.frontier.gan.grpc;

import com.google.protobuf.ByteString;
import ml.frontier.gan.grpc.proto.Batches;
import ml.frontier.gan.grpc.proto.DiscriminatorTransfer;
import ml.frontier.gan.grpc.proto.Tensor;
import ml.frontier.gan.transport.DiscriminatorState;
import ml.frontier.gan.transport.GeneratedBatches;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Converts between the MD-GAN message records and their protobuf form. Tensors travel as
 * packed little-endian float32; every decode checks sizes and throws
 * {@link IllegalArgumentException} with a message naming what is wrong.
 */
public final class Wire {

    private Wire() {}

    /** A tensor of {@code shape} holding {@code values}. */
    public static Tensor tensor(float[] values, int... shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " cannot hold " + values.length + " values");
        }
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        Tensor.Builder b = Tensor.newBuilder().setData(ByteString.copyFrom(buf.array()));
        for (int s : shape) {
            b.addShape(s);
        }
        return b.build();
    }

    /** The values of {@code t}, checking that its data match its shape. */
    public static float[] floats(Tensor t, String what) {
        long n = 1;
        for (int s : t.getShapeList()) {
            if (s < 0) {
                throw new IllegalArgumentException(what + ": negative dimension in shape " + t.getShapeList());
            }
            n *= s;
        }
        if (t.getData().size() != 4 * n) {
            throw new IllegalArgumentException(what + ": shape " + t.getShapeList() + " needs " + 4 * n + " bytes, got "
                    + t.getData().size());
        }
        float[] out = new float[(int) n];
        t.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** The values of {@code t}, which must have exactly {@code expectedShape}. */
    public static float[] floats(Tensor t, int[] expectedShape, String what) {
        int[] shape = t.getShapeList().stream().mapToInt(Integer::intValue).toArray();
        if (!Arrays.equals(shape, expectedShape)) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(shape) + ", expected "
                    + Arrays.toString(expectedShape));
        }
        return floats(t, what);
    }

    public static int[] shape(Tensor t) {
        return t.getShapeList().stream().mapToInt(Integer::intValue).toArray();
    }

    public static Batches batches(GeneratedBatches g) {
        Batches.Builder b = Batches.newBuilder().setIteration(g.iteration())
                .setXd(tensor(g.xd(), g.shape())).setXg(tensor(g.xg(), g.shape()));
        for (int y : g.yd()) {
            b.addYd(y);
        }
        for (int y : g.yg()) {
            b.addYg(y);
        }
        return b.build();
    }

    /** The batches of worker {@code workerId}; their shape must be {b, C, H, W} with the given C, H, W. */
    public static GeneratedBatches batches(int workerId, Batches b) {
        int[] shape = shape(b.getXd());
        float[] xd = floats(b.getXd(), "X^(d)");
        float[] xg = floats(b.getXg(), shape, "X^(g)");
        int[] yd = b.getYdList().stream().mapToInt(Integer::intValue).toArray();
        int[] yg = b.getYgList().stream().mapToInt(Integer::intValue).toArray();
        return new GeneratedBatches(workerId, b.getIteration(), shape, xd, yd, xg, yg);
    }

    public static DiscriminatorTransfer transfer(DiscriminatorState s, String runId) {
        DiscriminatorTransfer.Builder b = DiscriminatorTransfer.newBuilder()
                .setFromWorker(s.fromWorker()).setTransfer(s.round()).setRunId(runId).setAdamStep(s.adamStep());
        for (int i = 0; i < s.parameters().length; i++) {
            b.addParameters(tensor(s.parameters()[i], s.parameters()[i].length));
            if (s.hasAdamState()) {
                b.addFirstMoment(tensor(s.firstMoment()[i], s.firstMoment()[i].length));
                b.addSecondMoment(tensor(s.secondMoment()[i], s.secondMoment()[i].length));
            }
        }
        return b.build();
    }

    /**
     * The state in {@code t}, checked against the parameter sizes of the receiving discriminator;
     * a transfer without moment arrays is θ alone (the paper's swap).
     */
    public static DiscriminatorState state(DiscriminatorTransfer t, int[] parameterSizes) {
        if (t.getParametersCount() != parameterSizes.length) {
            throw new IllegalArgumentException("discriminator from worker " + t.getFromWorker() + " has "
                    + t.getParametersCount() + " parameters, this one has " + parameterSizes.length);
        }
        boolean withAdam = t.getFirstMomentCount() > 0 || t.getSecondMomentCount() > 0;
        if (withAdam && (t.getFirstMomentCount() != parameterSizes.length || t.getSecondMomentCount() != parameterSizes.length)) {
            throw new IllegalArgumentException("discriminator from worker " + t.getFromWorker() + ": Adam moments for "
                    + t.getFirstMomentCount() + "/" + t.getSecondMomentCount() + " parameters, expected " + parameterSizes.length);
        }
        if (t.getAdamStep() < 0) {
            throw new IllegalArgumentException("discriminator from worker " + t.getFromWorker() + ": negative Adam step");
        }
        List<float[]> p = new ArrayList<>(), m = new ArrayList<>(), v = new ArrayList<>();
        for (int i = 0; i < parameterSizes.length; i++) {
            int[] shape = {parameterSizes[i]};
            p.add(finite(floats(t.getParameters(i), shape, "parameter " + i), "parameter " + i));
            if (withAdam) {
                m.add(finite(floats(t.getFirstMoment(i), shape, "first moment " + i), "first moment " + i));
                v.add(finite(floats(t.getSecondMoment(i), shape, "second moment " + i), "second moment " + i));
            }
        }
        return new DiscriminatorState(t.getFromWorker(), t.getTransfer(), p.toArray(float[][]::new), t.getAdamStep(),
                m.toArray(float[][]::new), v.toArray(float[][]::new));
    }

    /** {@code values}, unless one of them is NaN or infinite. */
    public static float[] finite(float[] values, String what) {
        for (float f : values) {
            if (!Float.isFinite(f)) {
                throw new IllegalArgumentException(what + " holds a non-finite value (" + f + ")");
            }
        }
        return values;
    }
}
