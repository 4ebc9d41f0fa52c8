package ml.frontier.watermark;

import ml.frontier.core.FrontierException;
import ml.frontier.core.adversarial.Fgsm;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.classifier.WhiteBoxClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.image.ImageBatch;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Makes a frontier-stitching key from FGSM adversaries of images the model classifies correctly:
 * true adversaries (now misclassified) and false adversaries (still correct).
 *
 * <p>{@link KeyScheme#COIN} (default): {@code k} counted true adversaries and
 * up to {@code anchors} uncounted false ones (fewer when FGSM leaves fewer: a large ε flips almost
 * every image). Only once every image is chosen, a fair coin per counted
 * image sets its label to the original label {@code y} or to the source model's answer
 * {@code a}; the coins come from a {@link SecureRandom} unless a coin seed is given (for
 * reproducible experiments). Nothing about the coins influences which images are chosen, which
 * is what makes the binomial null hold (see {@link KeyScheme}).
 *
 * <p>{@link KeyScheme#PAPER}: {@code k/2} true and {@code k/2} false adversaries, each with its
 * original label, all counted.
 *
 * <p>Candidates are the source images in an order shuffled by the seed; they are processed in
 * chunks of 256 (one batched gradient call each) until every kind is full, up to
 * {@code candidateFactor × k} correctly classified candidates. If a kind falls short the
 * generator fails and says how many of each it found.
 */
public final class KeyGenerator {

    private static final int CHUNK = 256;

    /**
     * Key generation settings.
     *
     * @param scheme how labels are chosen
     * @param keySize k, the counted images (even for the paper scheme)
     * @param anchors coin scheme: uncounted false adversaries (ignored by the paper scheme)
     * @param epsilon the FGSM step (the paper uses 0.025, 0.1 and 0.25)
     * @param candidateFactor at most this many × k correctly classified candidates are tried
     * @param p the significance level recorded in the key
     * @param seed shuffles the source images and the key order
     * @param coinSeed seeds the coins for reproducible runs; null draws them from SecureRandom
     */
    public record Config(KeyScheme scheme, int keySize, int anchors, float epsilon, int candidateFactor, double p,
                         long seed, Long coinSeed) {
        public Config {
            if (keySize < 1 || (scheme == KeyScheme.PAPER && (keySize < 2 || keySize % 2 != 0))) {
                throw new IllegalArgumentException("key size must be at least 1 (even and at least 2 for the paper "
                        + "scheme), got " + keySize);
            }
            if (anchors < 0) {
                throw new IllegalArgumentException("anchors must be at least 0, got " + anchors);
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

        /** True adversaries wanted. */
        int trueWanted() {
            return scheme == KeyScheme.COIN ? keySize : keySize / 2;
        }

        /** False adversaries wanted. */
        int falseWanted() {
            return scheme == KeyScheme.COIN ? anchors : keySize / 2;
        }

        /**
         * Defaults: coin scheme, k = 100 with 50 anchors, ε = 0.1, candidates 50 × k, p = 0.001,
         * seed 1, coins from SecureRandom.
         */
        public static final class Builder {
            private KeyScheme scheme = KeyScheme.COIN;
            private int keySize = 100;
            private Integer anchors;
            private float epsilon = 0.1f;
            private int candidateFactor = 50;
            private double p = 0.001;
            private long seed = 1;
            private Long coinSeed;

            public Builder optScheme(KeyScheme v) {
                scheme = v;
                return this;
            }

            public Builder optKeySize(int v) {
                keySize = v;
                return this;
            }

            /** Anchors for the coin scheme (default k/2). */
            public Builder optAnchors(int v) {
                anchors = v;
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

            /** Reproducible coins (anyone who knows this seed knows the coins); null for SecureRandom. */
            public Builder optCoinSeed(Long v) {
                coinSeed = v;
                return this;
            }

            public Config build() {
                return new Config(scheme, keySize, anchors == null ? keySize / 2 : anchors, epsilon, candidateFactor,
                        p, seed, coinSeed);
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
        int wantTrue = config.trueWanted(), wantFalse = config.falseWanted();
        int maxCandidates = config.candidateFactor() * config.keySize();
        Dataset shuffled = source.shuffled(config.seed());
        Fgsm fgsm = new Fgsm(config.epsilon(), CHUNK);
        List<Adversary> trueAdv = new ArrayList<>(), falseAdv = new ArrayList<>();
        int candidates = 0;
        for (int from = 0; from < shuffled.size() && candidates < maxCandidates
                && (trueAdv.size() < wantTrue || falseAdv.size() < wantFalse); from += CHUNK) {
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
                int y = good.labels()[i];
                List<Adversary> kind = advPred[i] != y ? trueAdv : falseAdv;
                if (kind.size() < (kind == trueAdv ? wantTrue : wantFalse)) {
                    kind.add(new Adversary(adv.image(i), y, advPred[i]));
                }
            }
        }
        // anchors only steady the frontier while stitching: a coin key takes the ones it found
        boolean anchorsOptional = config.scheme() == KeyScheme.COIN;
        if (trueAdv.size() < wantTrue || (!anchorsOptional && falseAdv.size() < wantFalse)) {
            throw new FrontierException(String.format(Locale.ROOT,
                    "cannot make a %s key of %d at eps=%s: among %d correctly classified candidates, FGSM made %d true "
                            + "adversaries and %d false ones (%d and %d needed); %s", config.scheme().id(),
                    config.keySize(), config.epsilon(), candidates, trueAdv.size(), falseAdv.size(), wantTrue, wantFalse,
                    trueAdv.size() < wantTrue ? "try a larger eps or more source data" : "try a smaller eps"));
        }
        return assemble(trueAdv, falseAdv, source, model);
    }

    /** One FGSM image, its original label and the source model's answer on it. */
    private record Adversary(float[] image, int original, int answer) {}

    private WatermarkKey assemble(List<Adversary> trueAdv, List<Adversary> falseAdv, Dataset source,
                                  WhiteBoxClassifier model) {
        List<Adversary> all = new ArrayList<>(trueAdv);
        all.addAll(falseAdv);
        int n = all.size();
        int s = source.images().imageSize();
        int[] order = Dataset.permutation(n, new Random(config.seed() ^ 0x5DEECE66DL));
        float[] data = new float[n * s];
        int[] original = new int[n], answers = new int[n], labels = new int[n];
        boolean[] counted = new boolean[n];
        for (int j = 0; j < n; j++) {
            Adversary a = all.get(order[j]);
            System.arraycopy(a.image(), 0, data, j * s, s);
            original[j] = a.original();
            answers[j] = a.answer();
            labels[j] = a.original();
            counted[j] = config.scheme() == KeyScheme.PAPER || a.answer() != a.original();
        }
        String coins = "";
        if (config.scheme() == KeyScheme.COIN) {
            // The images are fixed now; only then are the coins drawn.
            RandomGenerator rng = config.coinSeed() == null ? new SecureRandom() : new Random(config.coinSeed());
            coins = config.coinSeed() == null ? "secure-random" : "seeded:" + config.coinSeed();
            for (int j = 0; j < n; j++) {
                if (counted[j] && !rng.nextBoolean()) {
                    labels[j] = answers[j];
                }
            }
        }
        String sourceSha = model instanceof DjlClassifier d ? d.model().sha256() : "";
        KeyProvenance prov = new KeyProvenance(source.name(), sourceSha, "", config.seed(), coins, Instant.now().toString());
        return new WatermarkKey(config.scheme(), ImageBatch.of(data, n, source.shape()), labels, original, answers,
                counted, config.epsilon(), config.p(), prov);
    }
}
