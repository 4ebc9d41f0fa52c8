package ml.frontier.serve.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** An OIP inference response. {@code id} is echoed from the request (omitted when absent). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferResponse(@JsonProperty("model_name") String modelName, String id,
                            List<ResponseTensor> outputs) {

    public InferResponse {
        outputs = List.copyOf(outputs);
    }
}
