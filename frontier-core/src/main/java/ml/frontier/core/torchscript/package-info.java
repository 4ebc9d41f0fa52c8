/**
 * A user's TorchScript model (the output of {@code torch.jit.trace} or {@code torch.jit.script})
 * as a white box: loaded by DJL's PyTorch engine with trainable parameters, run in evaluation or
 * training mode on request, and written back as a plain TorchScript file with Frontier's
 * provenance in a JSON sidecar.
 */
package ml.frontier.core.torchscript;
