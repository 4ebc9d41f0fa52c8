package ml.frontier.serve.client;

import com.fasterxml.jackson.databind.JsonNode;
import ml.frontier.core.FrontierException;
import ml.frontier.serve.protocol.Datatypes;

import java.util.Arrays;

/**
 * Reads labels from an OIP response: the output named {@code label} if there is one, else the
 * first output. Integer outputs (or one value per image) are labels; {@code [N,K]} scores
 * (logits or probabilities) give their arg-max.
 */
final class ResponseDecoder {

    private ResponseDecoder() {}

    static int[] labels(JsonNode response, int n, int numClasses, String url) throws FrontierException {
        JsonNode outputs = response.path("outputs");
        if (!outputs.isArray() || outputs.isEmpty()) {
            throw new FrontierException(url + " answered no outputs");
        }
        JsonNode chosen = outputs.get(0);
        for (JsonNode o : outputs) {
            if ("label".equals(o.path("name").asText())) {
                chosen = o;
                break;
            }
        }
        String name = chosen.path("name").asText("?");
        double[] data = flatten(chosen.path("data"), url, name);
        String datatype = chosen.path("datatype").asText("");
        int[] labels;
        if (data.length == n && (Datatypes.INTEGERS.contains(datatype) || allIntegral(data))) {
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (int) data[i];
            }
        } else if (n > 0 && data.length % n == 0 && data.length / n > 1) {
            labels = ml.frontier.core.classifier.WhiteBoxClassifier.argmax(toFloats(data), data.length / n);
        } else {
            throw new FrontierException(url + ": output '" + name + "' holds " + data.length + " values for " + n
                    + " images; expected " + n + " labels or " + n + "×K scores");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new FrontierException(url + ": output '" + name + "' gave label " + labels[i] + " for image " + i
                        + ", outside 0.." + (numClasses - 1));
            }
        }
        return labels;
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static boolean allIntegral(double[] v) {
        return Arrays.stream(v).allMatch(x -> x == Math.rint(x));
    }

    private static double[] flatten(JsonNode data, String url, String name) throws FrontierException {
        if (!data.isArray()) {
            throw new FrontierException(url + ": output '" + name + "' has no data array");
        }
        double[] buf = new double[Math.max(16, data.size())];
        int[] size = {0};
        buf = collect(data, buf, size, url, name);
        return Arrays.copyOf(buf, size[0]);
    }

    private static double[] collect(JsonNode node, double[] buf, int[] size, String url, String name) throws FrontierException {
        for (JsonNode v : node) {
            if (v.isArray()) {
                buf = collect(v, buf, size, url, name);
            } else if (v.isNumber()) {
                if (size[0] == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                buf[size[0]++] = v.asDouble();
            } else {
                throw new FrontierException(url + ": output '" + name + "' holds a non-number (" + v + ")");
            }
        }
        return buf;
    }
}
