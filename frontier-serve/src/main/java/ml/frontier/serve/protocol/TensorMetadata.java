package ml.frontier.serve.protocol;

/** A tensor's name, datatype and shape ({@code -1} for the variable batch dimension). */
public record TensorMetadata(String name, String datatype, long[] shape) {

    public TensorMetadata {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a tensor needs a name");
        }
        if (datatype == null || shape == null) {
            throw new IllegalArgumentException("tensor '" + name + "' needs a datatype and a shape");
        }
    }
}
