package ml.frontier.serve.protocol;

import java.util.List;

/**
 * An OIP inference request: optional id, the input tensors, and the names of the outputs the
 * client asked for (empty = all).
 */
public record InferRequest(String id, List<RequestTensor> inputs, List<String> outputs) {

    public InferRequest {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
