package ml.frontier.serve.protocol;

import java.util.List;
import java.util.Set;

/**
 * An OIP inference request: optional id, the input tensors, the names of the outputs the client
 * asked for (empty = all), and which outputs it wants as binary data (the binary extension's
 * request-wide {@code binary_data_output} or a per-output {@code binary_data}).
 */
public record InferRequest(String id, List<RequestTensor> inputs, List<String> outputs, boolean allOutputsBinary,
                           Set<String> binaryOutputs) {

    public InferRequest {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        binaryOutputs = Set.copyOf(binaryOutputs);
    }

    /** A request answered in JSON. */
    public InferRequest(String id, List<RequestTensor> inputs, List<String> outputs) {
        this(id, inputs, outputs, false, Set.of());
    }

    /** This request with other inputs (binary data attached). */
    public InferRequest withInputs(List<RequestTensor> newInputs) {
        return new InferRequest(id, newInputs, outputs, allOutputsBinary, binaryOutputs);
    }

    /** True when output {@code name} goes back as binary data. */
    public boolean binary(String name) {
        return allOutputsBinary || binaryOutputs.contains(name);
    }
}
