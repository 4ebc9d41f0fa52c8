package ml.frontier.watermark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.io.ArrayBundle;
import ml.frontier.core.io.Npy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The answers of owner-trained reference models on a key's counted images: what the conformal
 * rule compares a suspect with. Bound to one key by its commitment.
 *
 * <p>On disk: an {@link ArrayBundle} of kind {@value #KIND} with {@code answers.npy} (n×k int32,
 * one row per reference model, in the key's counted order) and a manifest naming the key
 * commitment, the references and how they were made.
 *
 * @param keyCommitment the key these answers belong to
 * @param references one description per reference model
 * @param answers answers[r][j]: reference r's label on the key's j-th counted image
 * @param recipe how the references were made (for the report)
 */
public record ReferenceSet(String keyCommitment, List<String> references, int[][] answers, String recipe) {

    public static final String KIND = "frontier-watermark-references";

    public ReferenceSet {
        references = List.copyOf(references);
        if (references.size() != answers.length || answers.length == 0) {
            throw new IllegalArgumentException("a reference set needs at least one reference and one answer row each, got "
                    + references.size() + " references and " + answers.length + " rows");
        }
        int[][] copy = new int[answers.length][];
        for (int i = 0; i < answers.length; i++) {
            copy[i] = answers[i].clone();
            if (copy[i].length != copy[0].length) {
                throw new IllegalArgumentException("reference answer rows differ in length");
            }
        }
        answers = copy;
    }

    /** Queries each reference model with the key's counted images. */
    public static ReferenceSet measure(WatermarkKey key, List<? extends Classifier> models, String recipe)
            throws FrontierException {
        int[][] rows = new int[models.size()][];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Verifier.query(models.get(i), key).answers();
            names.add(models.get(i).describe());
        }
        return new ReferenceSet(key.commitment(), names, rows, recipe);
    }

    /** n, the number of reference models. */
    public int size() {
        return answers.length;
    }

    /** Each reference's mismatch count on the key. */
    public int[] mismatches(WatermarkKey key) throws FrontierException {
        checkFor(key);
        int[] m = new int[answers.length];
        for (int r = 0; r < m.length; r++) {
            m[r] = Verifier.mismatches(key, answers[r]);
        }
        return m;
    }

    /** Conformal p-value of a suspect with {@code m} mismatches: (1 + #{reference m ≤ m}) / (n + 1). */
    public double pValue(WatermarkKey key, int m) throws FrontierException {
        int below = 0;
        for (int r : mismatches(key)) {
            below += r <= m ? 1 : 0;
        }
        return (1.0 + below) / (size() + 1.0);
    }

    /** The smallest p-value this set can give: 1 / (n + 1). */
    public double minimumPValue() {
        return 1.0 / (size() + 1);
    }

    /** Fails unless this set was measured on {@code key}. */
    public void checkFor(WatermarkKey key) throws FrontierException {
        if (!key.commitment().equals(keyCommitment)) {
            throw new FrontierException("the reference set belongs to key " + keyCommitment + ", not to key "
                    + key.commitment());
        }
        if (answers[0].length != key.countedSize()) {
            throw new FrontierException("the reference set holds " + answers[0].length + " answers per model but the key "
                    + "counts " + key.countedSize() + " images");
        }
    }

    @Override
    public int[][] answers() {
        int[][] copy = new int[answers.length][];
        for (int i = 0; i < answers.length; i++) {
            copy[i] = answers[i].clone();
        }
        return copy;
    }

    public void write(Path file) throws FrontierException {
        ArrayBundle b = ArrayBundle.create(KIND, 1);
        int k = answers[0].length;
        int[] flat = new int[answers.length * k];
        for (int r = 0; r < answers.length; r++) {
            System.arraycopy(answers[r], 0, flat, r * k, k);
        }
        b.putInts("answers", flat, answers.length, k);
        b.manifest().put("keyCommitment", keyCommitment);
        b.manifest().put("recipe", recipe);
        b.manifest().put("created", Instant.now().toString());
        ArrayNode names = b.manifest().putArray("references");
        references.forEach(names::add);
        try {
            b.write(file);
        } catch (IOException e) {
            throw new FrontierException(file + ": cannot write the reference set (" + e.getMessage() + ")");
        }
    }

    public static ReferenceSet read(Path file) throws FrontierException {
        ArrayBundle b = ArrayBundle.read(file, KIND);
        JsonNode m = b.manifest();
        Npy.Array a = b.array("answers");
        if (a.ints() == null || a.shape().length != 2) {
            throw new FrontierException(file + ": answers.npy must be an n×k int32 array");
        }
        int n = (int) a.shape()[0], k = (int) a.shape()[1];
        List<String> names = new ArrayList<>();
        m.path("references").forEach(x -> names.add(x.asText()));
        if (names.size() != n || n == 0) {
            throw new FrontierException(file + ": the manifest names " + names.size() + " references but answers.npy holds "
                    + n);
        }
        int[][] rows = new int[n][k];
        for (int r = 0; r < n; r++) {
            System.arraycopy(a.ints(), r * k, rows[r], 0, k);
        }
        return new ReferenceSet(m.path("keyCommitment").asText(""), names, rows, m.path("recipe").asText(""));
    }
}
