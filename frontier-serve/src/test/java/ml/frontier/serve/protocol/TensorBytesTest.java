package ml.frontier.serve.protocol;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TensorBytesTest {

    @Test
    void everyImageDatatypeRoundTripsLittleEndian() {
        float[] pixels = {0f, 1f, 0.5f, 0.25f};
        float[] bytes = {0f, 255f, 128f, 64f};
        for (String d : Datatypes.IMAGE_INPUTS) {
            float[] values = Datatypes.pixelsAsBytes(d) ? bytes : pixels;
            byte[] raw = TensorBytes.encode(d, values);
            assertEquals(values.length * Datatypes.elementSize(d), raw.length, d);
            assertArrayEquals(values, TensorBytes.decodeFloats(d, raw, 0, raw.length), d);
        }
        byte[] fp32 = TensorBytes.encode(Datatypes.FP32, new float[] {1.5f});
        assertEquals(1.5f, ByteBuffer.wrap(fp32).order(ByteOrder.LITTLE_ENDIAN).getFloat());
        assertArrayEquals(new byte[] {(byte) 0x00, (byte) 0x3c}, TensorBytes.encode(Datatypes.FP16, new float[] {1f}), "1.0 in half");
    }

    @Test
    void labelsAndOtherOutputDatatypesDecode() {
        byte[] int32 = TensorBytes.encode(Datatypes.INT32, new int[] {7, -1});
        assertArrayEquals(new double[] {7, -1}, TensorBytes.decodeDoubles(Datatypes.INT32, int32, 0, int32.length));
        byte[] int64 = TensorBytes.encode(Datatypes.INT64, new int[] {3});
        assertArrayEquals(new double[] {3}, TensorBytes.decodeDoubles("UINT64", int64, 0, 8));
        byte[] bf16 = {(byte) 0x80, (byte) 0x3f};
        assertArrayEquals(new double[] {1.0}, TensorBytes.decodeDoubles("BF16", bf16, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> TensorBytes.encode("BYTES", new float[] {1}));
    }
}
