package ml.frontier.serve;

import ml.frontier.serve.protocol.Datatypes;

/**
 * The datatypes a served model declares in its metadata: the image input (FP32, FP16, FP64, or
 * UINT8/INT64 for pixels on the 0–255 scale), the label output (INT64 or INT32) and the
 * probability output (FP32 or FP16). They let a deployment look like a model exported for
 * Triton or KServe, and let the client's conversions be tested against a real server.
 */
public record WireTypes(String input, String label, String scores) {

    public WireTypes {
        input = Datatypes.require(input, Datatypes.IMAGE_INPUTS, "the input");
        label = Datatypes.require(label, Datatypes.LABEL_OUTPUTS, "the label output");
        scores = Datatypes.require(scores, Datatypes.SCORE_OUTPUTS, "the probability output");
    }

    /** FP32 in, INT64 labels, FP32 probabilities. */
    public static WireTypes defaults() {
        return new WireTypes(Datatypes.FP32, Datatypes.INT64, Datatypes.FP32);
    }
}
