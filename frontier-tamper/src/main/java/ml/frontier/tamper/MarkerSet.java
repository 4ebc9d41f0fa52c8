package ml.frontier.tamper;

import ml.frontier.core.image.ImageBatch;
import ml.frontier.core.image.Preprocessing;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Markers and the labels the genuine model gives them, with how they were made.
 *
 * @param images the marker images
 * @param labels the expected label of each marker (the genuine model's answer)
 * @param strategy the strategy's name ("boundary", "random", …)
 * @param parameters the strategy's parameters, for the record
 * @param modelSha256 SHA-256 of the genuine model's parameters ("" when unknown, e.g. a remote model)
 * @param seed the seed the markers were made with
 * @param created when the set was made
 * @param preprocessing the input transform the model was queried with (markers stay [0,1]
 *     images; a check applies the same transform)
 * @param acceptance how the markers were screened against false alarms
 */
public record MarkerSet(ImageBatch images, int[] labels, String strategy, Map<String, String> parameters,
                        String modelSha256, long seed, Instant created, Preprocessing preprocessing,
                        Acceptance acceptance) {

    /** A set for a model that takes Frontier's own [0,1] NCHW images. */
    public MarkerSet(ImageBatch images, int[] labels, String strategy, Map<String, String> parameters,
                     String modelSha256, long seed, Instant created) {
        this(images, labels, strategy, parameters, modelSha256, seed, created, Preprocessing.none(), null);
    }

    public MarkerSet {
        if (images.n() != labels.length) {
            throw new IllegalArgumentException("marker set: " + images.n() + " images but " + labels.length + " labels");
        }
        if (strategy == null || strategy.isBlank()) {
            throw new IllegalArgumentException("marker set: no strategy name");
        }
        for (int l : labels) {
            if (l < 0) {
                throw new IllegalArgumentException("marker set: negative label " + l);
            }
        }
        parameters = Map.copyOf(new TreeMap<>(parameters));
        modelSha256 = modelSha256 == null ? "" : modelSha256;
        created = created == null ? Instant.now() : created;
        preprocessing = preprocessing == null ? Preprocessing.none() : preprocessing;
        acceptance = acceptance == null ? Acceptance.unknown() : acceptance;
    }

    /** A new set made now, with no model hash yet. */
    public static MarkerSet of(ImageBatch images, int[] labels, String strategy, Map<String, String> parameters, long seed) {
        return new MarkerSet(images, labels, strategy, parameters, "", seed, Instant.now());
    }

    public int size() {
        return labels.length;
    }

    /** The same markers, tagged with the genuine model's hash. */
    public MarkerSet withModelSha256(String sha) {
        return new MarkerSet(images, labels, strategy, parameters, sha, seed, created, preprocessing, acceptance);
    }

    /** The same markers, recorded as made through {@code p}. */
    public MarkerSet withPreprocessing(Preprocessing p) {
        return new MarkerSet(images, labels, strategy, parameters, modelSha256, seed, created, p, acceptance);
    }

    /** The same markers, with how they were screened. */
    public MarkerSet withAcceptance(Acceptance a) {
        return new MarkerSet(images, labels, strategy, parameters, modelSha256, seed, created, preprocessing, a);
    }

    /** The same markers, recorded as made by {@code name} with {@code params}. */
    public MarkerSet withStrategy(String name, Map<String, String> params) {
        return new MarkerSet(images, labels, name, params, modelSha256, seed, created, preprocessing, acceptance);
    }

    /** The markers at {@code indices}, in that order. */
    public MarkerSet select(int[] indices) {
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            l[i] = labels[indices[i]];
        }
        return new MarkerSet(images.select(indices), l, strategy, parameters, modelSha256, seed, created, preprocessing,
                acceptance);
    }

    /** This set followed by {@code other}'s markers (this set's provenance is kept). */
    public MarkerSet concat(MarkerSet other) {
        int[] l = Arrays.copyOf(labels, labels.length + other.labels.length);
        System.arraycopy(other.labels, 0, l, labels.length, other.labels.length);
        return new MarkerSet(images.concat(other.images), l, strategy, parameters, modelSha256, seed, created, preprocessing,
                acceptance);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MarkerSet m && m.images.equals(images) && Arrays.equals(m.labels, labels)
                && m.strategy.equals(strategy) && m.parameters.equals(parameters)
                && m.modelSha256.equals(modelSha256) && m.seed == seed && m.created.equals(created)
                && m.preprocessing.equals(preprocessing) && m.acceptance.equals(acceptance);
    }

    @Override
    public int hashCode() {
        return 31 * images.hashCode() + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "MarkerSet[" + size() + " " + strategy + " markers " + images.shape() + "]";
    }
}
