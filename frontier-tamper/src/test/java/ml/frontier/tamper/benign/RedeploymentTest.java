package ml.frontier.tamper.benign;

import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.testing.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The re-deployments run for real: other processes, instruction sets, ONNX Runtime, rounding. */
class RedeploymentTest {

    static NetworkModel model;
    static ImageBatch images;
    static int[] labels;

    @BeforeAll
    static void setUp() throws Exception {
        model = TestModels.mlp(11);
        images = TestModels.test(200).images();
        labels = new DjlClassifier(model).predictAll(images, 64);
    }

    /** Natural test images sit far from the frontier: every re-deployment must agree on them. */
    @Test
    void freshProcessesWithOtherThreadsAndInstructionSetsAgreeOnNaturalImages() throws Exception {
        Map<String, int[]> got = FreshProcesses.defaults(model).labels(images);
        assertEquals(2 * CpuFeatures.instructionSets().size() * 2, got.size(), got.keySet().toString());
        for (var e : got.entrySet()) {
            assertArrayEquals(labels, e.getValue(), e.getKey());
        }
    }

    @Test
    void onnxRuntimeAndRoundedCopiesAgreeOnNaturalImages() throws Exception {
        assertTrue(OnnxRuntime.applies(model));
        for (Redeployment r : new Redeployment[] {new OnnxRuntime(model), new Rounded(model, Rounding.values()),
                new InProcess(model)}) {
            for (var e : r.labels(images).entrySet()) {
                int differ = 0;
                for (int i = 0; i < labels.length; i++) {
                    differ += labels[i] != e.getValue()[i] ? 1 : 0;
                }
                assertTrue(differ <= 1, r.name() + "/" + e.getKey() + ": " + differ + " of 200 labels differ");
            }
        }
    }

    @Test
    void theCpuOffersAtLeastThePortableKernels() {
        assertEquals("default", CpuFeatures.instructionSets().get(0));
        assertEquals("avx2", CpuFeatures.environment("avx2").get("ATEN_CPU_CAPABILITY"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> CpuFeatures.environment("sse9"));
    }
}
