package ml.frontier.core.model;

import ml.frontier.core.image.ImageShape;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a network is: an architecture of the zoo, its hyper-parameters, the input shape and the
 * number of classes. Enough to rebuild the network before its parameters are loaded.
 */
public record ModelSpec(String architecture, Map<String, String> hyperParameters, ImageShape input, int numClasses) {

    public ModelSpec {
        hyperParameters = Map.copyOf(new TreeMap<>(hyperParameters));
        if (numClasses < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + numClasses);
        }
    }

    public String get(String key, String defaultValue) {
        return hyperParameters.getOrDefault(key, defaultValue);
    }

    public int getInt(String key, int defaultValue) {
        String v = hyperParameters.get(key);
        try {
            return v == null ? defaultValue : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(architecture + ": hyper-parameter " + key + "=" + v + " is not an integer");
        }
    }

    public float getFloat(String key, float defaultValue) {
        String v = hyperParameters.get(key);
        try {
            return v == null ? defaultValue : Float.parseFloat(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(architecture + ": hyper-parameter " + key + "=" + v + " is not a number");
        }
    }

    @Override
    public String toString() {
        return architecture + new TreeMap<>(hyperParameters) + " on " + input + " → " + numClasses;
    }
}
