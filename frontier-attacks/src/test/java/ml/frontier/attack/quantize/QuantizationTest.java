package ml.frontier.attack.quantize;

import ml.frontier.attack.AttackResult;
import ml.frontier.attack.ModelWeights;
import ml.frontier.attack.SharedModels;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantizationTest {

    @Test
    void perTensorWeightsTakeAtMostTwoToTheKValues() throws Exception {
        for (int bits : new int[] {2, 4}) {
            AttackResult r = Quantization.builder().setBits(bits).build().apply(SharedModels.cnn(), SharedModels.small(0, 200, 1));
            try (TrainableModel q = r.model()) {
                for (String n : ModelWeights.names(q)) {
                    int d = ModelWeights.distinctValues(q.values(n));
                    assertTrue(d <= 1 << bits, n + " has " + d + " values at " + bits + " bits");
                    assertTrue(d > 1, n + " collapsed to one value");
                }
                assertTrue(r.number("maxDistinctValues") <= 1 << bits);
                for (String n : SharedModels.cnn().parameterNames()) {
                    if (!ModelWeights.names(q).contains(n)) {
                        assertArrayEquals(SharedModels.cnn().values(n), q.values(n), n + " is not a weight");
                    }
                }
            }
        }
    }

    @Test
    void perChannelWeightsTakeAtMostTwoToTheKValuesPerChannel() throws Exception {
        int bits = 2;
        AttackResult r = Quantization.builder().setBits(bits).optPerChannel(true).build()
                .apply(SharedModels.cnn(), SharedModels.small(0, 200, 1));
        try (TrainableModel q = r.model()) {
            boolean moreThanPerTensor = false;
            for (String n : ModelWeights.names(q)) {
                float[] w = q.values(n);
                int channels = (int) q.shape(n)[0];
                int size = w.length / channels;
                for (int c = 0; c < channels; c++) {
                    int d = ModelWeights.distinctValues(w, c * size, (c + 1) * size);
                    assertTrue(d <= 1 << bits, n + " channel " + c + " has " + d + " values");
                }
                moreThanPerTensor |= ModelWeights.distinctValues(w) > 1 << bits;
            }
            assertTrue(moreThanPerTensor, "per-channel levels should differ between channels");
        }
    }

    @Test
    void eightBitsBarelyChangeAccuracy() throws Exception {
        AttackResult r = Quantization.builder().setBits(8).build().apply(SharedModels.mlp(), SharedModels.small(0, 1000, 1));
        try (TrainableModel q = r.model()) {
            assertEquals(r.accuracyBefore(), r.accuracyAfter(), 0.01);
        }
    }

    @Test
    void quantizeKeepsExtremesAndUsesEvenLevels() {
        float[] w = {-1f, -0.2f, 0.1f, 0.34f, 1f};
        Quantization.quantize(w, 0, w.length, 2);
        assertArrayEquals(new float[] {-1f, -1f / 3, 1f / 3, 1f / 3, 1f}, w, 1e-6f);
    }

    @Test
    void badBitsAreRefusedWhenBuilt() {
        for (int bits : new int[] {0, 1, 17, -4}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Quantization.builder().setBits(bits).build());
            assertTrue(e.getMessage().contains("bits"), e.getMessage());
        }
    }
}
