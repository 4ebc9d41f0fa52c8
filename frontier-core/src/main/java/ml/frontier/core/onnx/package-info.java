/**
 * ONNX files read and written through the protobuf classes that protoc generates at build time
 * from {@code src/main/proto/onnx.proto} ({@code ml.frontier.core.onnx.proto.Onnx}): what a graph
 * declares (inputs, outputs, operators) and Frontier's own export.
 */
package ml.frontier.core.onnx;
