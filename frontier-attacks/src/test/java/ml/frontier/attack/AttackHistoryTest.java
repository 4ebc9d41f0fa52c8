package ml.frontier.attack;

import ml.frontier.attack.quantize.Quantization;
import ml.frontier.core.model.ModelFile;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttackHistoryTest {

    @Test
    void attackedModelRoundTripsWithItsHistoryStep(@TempDir Path dir) throws Exception {
        NetworkModel original = SharedModels.mlp();
        AttackResult r = Quantization.builder().setBits(4).build().apply(original, SharedModels.small(0, 300, 3));
        Path file = dir.resolve("q.model");
        try (TrainableModel q = r.model()) {
            assertEquals(q.sha256(), q.metadata().parametersSha256());
            q.save(file);
            try (NetworkModel loaded = ModelFile.load(file)) {
                assertEquals(q.sha256(), loaded.sha256());
                List<Map<String, Object>> h = loaded.metadata().history();
                assertEquals(original.metadata().history().size() + 1, h.size());
                Map<String, Object> step = h.get(h.size() - 1);
                assertEquals("attack:quantize", step.get("op"));
                assertEquals(original.sha256(), step.get("sourceSha256"));
                @SuppressWarnings("unchecked")
                Map<String, Object> params = (Map<String, Object>) step.get("parameters");
                assertEquals(4, ((Number) params.get("bits")).intValue());
                assertEquals(3, ((Number) params.get("seed")).intValue());
                assertTrue(step.containsKey("results"));
                assertEquals(r.accuracyAfter(), loaded.metadata().testAccuracy(), 1e-12);
            }
        }
    }

    @Test
    void asMapCarriesTheReport() throws Exception {
        AttackResult r = Quantization.builder().setBits(8).build().apply(SharedModels.mlp(), SharedModels.small(0, 100, 1));
        try (TrainableModel q = r.model()) {
            Map<String, Object> m = r.asMap();
            assertEquals("quantize", m.get("attack"));
            assertEquals(q.metadata().parametersSha256(), m.get("modelSha256"));
        }
    }
}
