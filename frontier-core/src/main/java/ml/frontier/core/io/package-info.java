/**
 * Files Frontier writes and reads: atomic writes, SHA-256, {@code .npy} arrays and the zip
 * bundles (JSON manifest plus {@code .npy} tensors) used for watermark keys and marker sets.
 */
package ml.frontier.core.io;
