package ml.frontier.tamper.benign;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.model.TrainableModel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model stored in a reduced-precision format: a copy whose parameters and inputs are rounded
 * ({@link Rounding}), run in float32. This simulates storage rounding only; a GPU would also round
 * activations and accumulate in another order (the margin floor's safety factor covers that).
 */
public final class Rounded implements Redeployment {

    private final TrainableModel model;
    private final Rounding[] formats;

    public Rounded(TrainableModel model, Rounding... formats) {
        this.model = model;
        this.formats = formats.clone();
    }

    @Override
    public String name() {
        return "rounding";
    }

    @Override
    public Map<String, int[]> labels(ImageBatch images) throws FrontierException {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (Rounding f : formats) {
            try (TrainableModel copy = model.copy()) {
                for (String n : copy.parameterNames()) {
                    copy.setValues(n, f.roundAll(copy.values(n)));
                }
                ImageBatch x = new ImageBatch(f.roundAll(images.data().clone()), images.n(), images.channels(),
                        images.height(), images.width());
                out.put(f.name().toLowerCase(java.util.Locale.ROOT), new DjlClassifier(copy, f.name(), 256).predictAll(x, 64));
            }
        }
        return out;
    }
}
