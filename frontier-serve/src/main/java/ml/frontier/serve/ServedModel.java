package ml.frontier.serve;

import ml.frontier.core.classifier.Classifier;
import ml.frontier.core.classifier.WhiteBoxClassifier;
import ml.frontier.core.image.ImageShape;
import ml.frontier.serve.protocol.ModelMetadata;
import ml.frontier.serve.protocol.TensorMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A classifier served under a name. Probabilities are exposed only when the classifier is a
 * {@link WhiteBoxClassifier} and the deployment did not ask for labels only.
 */
public record ServedModel(String name, Classifier classifier, boolean probabilities, WireTypes types) {

    /** The platform name in the metadata. */
    public static final String PLATFORM = "frontier-djl";
    public static final String INPUT = "input";
    public static final String LABEL = "label";
    public static final String PROBABILITIES = "probabilities";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    public ServedModel {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("model name '" + name
                    + "' must be 1-128 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        if (classifier == null) {
            throw new IllegalArgumentException("model '" + name + "' needs a classifier");
        }
        if (types == null) {
            throw new IllegalArgumentException("model '" + name + "' needs its wire datatypes");
        }
        if (probabilities && !(classifier instanceof WhiteBoxClassifier)) {
            throw new IllegalArgumentException("model '" + name + "' is a black box: it has no probabilities to serve");
        }
    }

    /** Serves {@code classifier}, with probabilities when it has them and {@code labelsOnly} is false. */
    public static ServedModel of(String name, Classifier classifier, boolean labelsOnly) {
        return of(name, classifier, labelsOnly, WireTypes.defaults());
    }

    /** Like {@link #of(String, Classifier, boolean)} with the given wire datatypes. */
    public static ServedModel of(String name, Classifier classifier, boolean labelsOnly, WireTypes types) {
        return new ServedModel(name, classifier, !labelsOnly && classifier instanceof WhiteBoxClassifier, types);
    }

    /** The names of the outputs this model gives. */
    public List<String> outputNames() {
        return probabilities ? List.of(LABEL, PROBABILITIES) : List.of(LABEL);
    }

    /** The OIP metadata: input {@code [-1,C,H,W]}, label {@code [-1]}, probabilities {@code [-1,K]}, of {@link #types()}. */
    public ModelMetadata metadata() {
        ImageShape s = classifier.inputShape();
        List<TensorMetadata> outputs = new ArrayList<>();
        outputs.add(new TensorMetadata(LABEL, types.label(), new long[] {-1}));
        if (probabilities) {
            outputs.add(new TensorMetadata(PROBABILITIES, types.scores(), new long[] {-1, classifier.numClasses()}));
        }
        return new ModelMetadata(name, List.of("1"), PLATFORM,
                List.of(new TensorMetadata(INPUT, types.input(), new long[] {-1, s.channels(), s.height(), s.width()})),
                outputs);
    }
}
