package ml.frontier.serve.client;

import com.fasterxml.jackson.databind.JsonNode;
import ml.frontier.core.FrontierException;

import java.util.Arrays;

/** Flattens an output's JSON {@code data} (flat or nested) into doubles. */
final class JsonValues {

    private JsonValues() {}

    static double[] flatten(JsonNode data, String url, String name) throws FrontierException {
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
