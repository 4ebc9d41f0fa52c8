/**
 * Opening a user's model file, whatever its format: recognised from its content (a Frontier
 * model file, a TorchScript archive, an ONNX protobuf), with the input shape and the number of
 * classes taken from the file where it declares them.
 */
package ml.frontier.core.load;
