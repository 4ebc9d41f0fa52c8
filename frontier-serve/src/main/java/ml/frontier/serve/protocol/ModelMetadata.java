package ml.frontier.serve.protocol;

import java.util.List;

/** The answer to {@code GET /v2/models/{name}}: what the model takes and gives. */
public record ModelMetadata(String name, List<String> versions, String platform,
                            List<TensorMetadata> inputs, List<TensorMetadata> outputs) {

    public ModelMetadata {
        versions = List.copyOf(versions);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
