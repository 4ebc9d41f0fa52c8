package ml.frontier.serve.client;

import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.WhiteBoxClassifier;
import ml.frontier.serve.protocol.Datatypes;

import java.util.Arrays;

/**
 * Reads labels from an answer's outputs: the output named {@code label} if there is one, else
 * the first output. Integer outputs (INT64, INT32…, or one value per image) are labels;
 * {@code [N,K]} scores (logits or probabilities, FP32/FP16/FP64) give their arg-max.
 */
final class ResponseDecoder {

    private ResponseDecoder() {}

    static int[] labels(OutputTensor[] outputs, int n, int numClasses, String url) throws FrontierException {
        if (outputs.length == 0) {
            throw new FrontierException(url + " answered no outputs");
        }
        OutputTensor chosen = outputs[0];
        for (OutputTensor o : outputs) {
            if ("label".equals(o.name())) {
                chosen = o;
                break;
            }
        }
        String name = chosen.name();
        double[] data = chosen.values();
        int[] labels;
        if (data.length == n && (Datatypes.INTEGERS.contains(chosen.datatype()) || allIntegral(data))) {
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (int) data[i];
            }
        } else if (n > 0 && data.length % n == 0 && data.length / n > 1) {
            labels = WhiteBoxClassifier.argmax(toFloats(data), data.length / n);
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
}
