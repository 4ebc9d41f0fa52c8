package ml.frontier.tamper;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.progress.Progress;
import ml.frontier.core.testing.TestModels;
import ml.frontier.tamper.benign.BenignSuite;
import ml.frontier.tamper.strategy.MarkerStrategies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Markers survive benign re-deployments and catch a single perturbed last-layer weight. */
class DetectionTest {

    static NetworkModel model;
    static ImageBatch pool;
    static MarkerSet boundary;
    static MarkerSet random;

    @BeforeAll
    static void setUp() throws FrontierException {
        model = SharedModel.mlp();
        pool = TestModels.test(600).images();
        boundary = new MarkerGenerator(MarkerStrategies.byName("boundary"), Progress.silent())
                .withSuite(BenignSuite.inProcessOnly()).generate(model, pool, 100, 3);
        random = new MarkerGenerator(MarkerStrategies.byName("random"), Progress.silent())
                .withSuite(BenignSuite.inProcessOnly()).generate(model, pool, 100, 3);
    }

    @Test
    void generatedMarkersCarryTheModelHashAndRaiseNoFalseAlarms() throws FrontierException {
        assertEquals(model.sha256(), boundary.modelSha256());
        for (MarkerSet m : new MarkerSet[] {boundary, random}) {
            try (NetworkModel copy = model.copy()) {
                for (int batch : new int[] {1, 64}) {
                    TamperReport r = new TamperCheck(m.size(), 1, batch).check(new DjlClassifier(copy), m);
                    assertFalse(r.tampered(), m.strategy() + " at batch " + batch + ": " + r.summary());
                    assertEquals(m.size(), r.queries());
                }
            }
            var labels = new ml.frontier.tamper.benign.InProcess(model).labels(m.images());
            assertEquals(m.size(), MarkerGenerator.stable(m.labels(), labels).length);
        }
    }

    /** Halves the largest weight of one class row of the last layer, for each class in turn. */
    @Test
    void boundaryMarkersCatchOneChangedLastLayerWeightRandomOnesMostlyDoNot() throws FrontierException {
        String last = null;
        for (String name : model.parameterNames()) {
            if (model.isLastLayer(name) && model.shape(name).length == 2) {
                last = name;
            }
        }
        int rows = (int) model.shape(last)[0];
        int cols = (int) model.shape(last)[1];
        int boundaryCaught = 0;
        int randomCaught = 0;
        for (int c = 0; c < rows; c++) {
            try (NetworkModel tampered = model.copy()) {
                float[] w = tampered.values(last);
                int biggest = c * cols;
                for (int j = c * cols; j < (c + 1) * cols; j++) {
                    if (Math.abs(w[j]) > Math.abs(w[biggest])) {
                        biggest = j;
                    }
                }
                w[biggest] *= 0.5f;
                tampered.setValues(last, w);
                DjlClassifier t = new DjlClassifier(tampered);
                int mb = DetectionCurve.moved(boundary.labels(), t.predict(boundary.images()));
                int mr = DetectionCurve.moved(random.labels(), t.predict(random.images()));
                System.out.println("class " + c + " moved: boundary " + mb + ", random " + mr);
                boundaryCaught += new TamperCheck(100, c, 1).check(t, boundary).tampered() ? 1 : 0;
                randomCaught += new TamperCheck(100, c, 1).check(t, random).tampered() ? 1 : 0;
            }
        }
        System.out.println("caught with 100 queries: boundary " + boundaryCaught + "/" + rows + ", random " + randomCaught);
        assertTrue(boundaryCaught >= 6, "boundary markers caught " + boundaryCaught + " of " + rows + " single-weight changes");
        assertTrue(randomCaught <= 2, "random markers caught " + randomCaught + " of " + rows + " single-weight changes");
    }
}
