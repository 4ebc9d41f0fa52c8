/**
 * The Open Inference Protocol v2 wire format: request, response, metadata and error records,
 * a streaming request reader that rejects malformed or non-finite tensors, and the JSON
 * factory settings both sides use.
 *
 * <p>Specification: the KServe "Open Inference Protocol (V2 Inference Protocol)" REST API.
 */
package ml.frontier.serve.protocol;
