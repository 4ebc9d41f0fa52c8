/**
 * Uniform k-bit weight quantization (min-max affine), per tensor or per output channel, with the
 * weights stored back as float32 so the model stays loadable and servable — the "quantization"
 * attack of TamperNN (Le Merrer and Trédan, 2019).
 */
package ml.frontier.attack.quantize;
