package ml.frontier.watermark;

import ml.frontier.core.FrontierException;
import ml.frontier.core.adversarial.Fgsm;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.classifier.WhiteBoxClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.image.ImageBatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Makes a frontier-stitching key: FGSM adversaries of images the model classifies correctly,
 * {@code k/2} true adversaries (now misclassified) and {@code k/2} false adversaries (still
 * correct), each labelled with its ORIGINAL label.
 *
 * <p>Candidates are the source images in an order shuffled by the seed; they are processed in
 * chunks of 256 (one batched gradient call each) until both kinds are full, up to
 * {@code candidateFactor × k} correctly classified candidates. If either kind falls short the
 * generator fails and says how many of each it found.
 */
public final class KeyGenerator {

    private static final int CHUNK = 256;

    /**
     * Key generation settings.
     *
     * @param keySize k, even and at least 2
     * @param epsilon the FGSM step (the paper uses 0.025, 0.1 and 0.25)
     * @param candidateFactor at most this many × k correctly classified candidates are tried
     * @param p the significance level recorded in the key
     * @param seed shuffles the source images and the key order
     */
    public record Config(int keySize, float epsilon, int candidateFactor, double p, long seed) {
        public Config {
            if (keySize < 2 || keySize % 2 != 0) {
                throw new IllegalArgumentException("key size must be even and at least 2, got " + keySize);
            }
            if (!(epsilon > 0 && epsilon <= 1)) {
                throw new IllegalArgumentException("epsilon must be in (0,1], got " + epsilon);
            }
            if (candidateFactor < 1) {
                throw new IllegalArgumentException("candidate factor must be at least 1, got " + candidateFactor);
            }
            if (!(p > 0 && p < 1)) {
                throw new IllegalArgumentException("p must be in (0,1), got " + p);
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        /** Defaults: k = 100, ε = 0.1, candidates 10 × k, p = 0.05, seed 1. */
        public static final class Builder {
            private int keySize = 100;
            private float epsilon = 0.1f;
            private int candidateFactor = 10;
            private double p = 0.05;
            private long seed = 1;

            public Builder optKeySize(int v) {
                keySize = v;
                return this;
            }

            public Builder optEpsilon(float v) {
                epsilon = v;
                return this;
            }

            public Builder optCandidateFactor(int v) {
                candidateFactor = v;
                return this;
            }

            public Builder optP(double v) {
                p = v;
                return this;
            }

            public Builder optSeed(long v) {
                seed = v;
                return this;
            }

            public Config build() {
                return new Config(keySize, epsilon, candidateFactor, p, seed);
            }
        }
    }

    private final Config config;

    public KeyGenerator(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    /** Generates a key from {@code source} (typically the owner's training data). */
    public WatermarkKey generate(WhiteBoxClassifier model, Dataset source) throws FrontierException {
        model.checkShape(source.images(), "the source data " + source.name());
        int half = config.keySize() / 2;
        int maxCandidates = config.candidateFactor() * config.keySize();
        Dataset shuffled = source.shuffled(config.seed());
        Fgsm fgsm = new Fgsm(config.epsilon(), CHUNK);
        List<float[]> trueImgs = new ArrayList<>(), falseImgs = new ArrayList<>();
        List<Integer> trueLabels = new ArrayList<>(), falseLabels = new ArrayList<>();
        int candidates = 0;
        for (int from = 0; from < shuffled.size() && candidates < maxCandidates
                && (trueImgs.size() < half || falseImgs.size() < half); from += CHUNK) {
            Dataset chunk = shuffled.slice(from, Math.min(shuffled.size(), from + CHUNK));
            int[] pred = model.predict(chunk.images());
            List<Integer> correct = new ArrayList<>();
            for (int i = 0; i < pred.length && candidates + correct.size() < maxCandidates; i++) {
                if (pred[i] == chunk.labels()[i]) {
                    correct.add(i);
                }
            }
            if (correct.isEmpty()) {
                continue;
            }
            candidates += correct.size();
            Dataset good = chunk.select(correct.stream().mapToInt(Integer::intValue).toArray());
            ImageBatch adv = fgsm.perturb(model, good.images(), good.labels());
            int[] advPred = model.predict(adv);
            for (int i = 0; i < advPred.length; i++) {
                boolean isTrue = advPred[i] != good.labels()[i];
                List<float[]> imgs = isTrue ? trueImgs : falseImgs;
                if (imgs.size() < half) {
                    imgs.add(adv.image(i));
                    (isTrue ? trueLabels : falseLabels).add(good.labels()[i]);
                }
            }
        }
        if (trueImgs.size() < half || falseImgs.size() < half) {
            throw new FrontierException(String.format(Locale.ROOT,
                    "cannot make a key of %d at eps=%s: among %d correctly classified candidates, FGSM made %d true "
                            + "adversaries and %d false ones (%d of each needed); %s",
                    config.keySize(), config.epsilon(), candidates, trueImgs.size(), falseImgs.size(), half,
                    trueImgs.size() < half ? "try a larger eps or more source data" : "try a smaller eps"));
        }
        return assemble(trueImgs, trueLabels, falseImgs, falseLabels, source, model);
    }

    private WatermarkKey assemble(List<float[]> trueImgs, List<Integer> trueLabels, List<float[]> falseImgs,
                                  List<Integer> falseLabels, Dataset source, WhiteBoxClassifier model) {
        int k = config.keySize();
        int s = source.images().imageSize();
        int[] order = Dataset.permutation(k, new Random(config.seed() ^ 0x5DEECE66DL));
        float[] data = new float[k * s];
        int[] labels = new int[k];
        boolean[] kinds = new boolean[k];
        for (int j = 0; j < k; j++) {
            int src = order[j];
            boolean isTrue = src < k / 2;
            int idx = isTrue ? src : src - k / 2;
            System.arraycopy(isTrue ? trueImgs.get(idx) : falseImgs.get(idx), 0, data, j * s, s);
            labels[j] = isTrue ? trueLabels.get(idx) : falseLabels.get(idx);
            kinds[j] = isTrue;
        }
        String sourceSha = model instanceof DjlClassifier d ? d.model().sha256() : "";
        KeyProvenance prov = new KeyProvenance(source.name(), sourceSha, "", config.seed(), Instant.now().toString());
        return new WatermarkKey(ImageBatch.of(data, k, source.shape()), labels, kinds, config.epsilon(), config.p(), prov);
    }
}
