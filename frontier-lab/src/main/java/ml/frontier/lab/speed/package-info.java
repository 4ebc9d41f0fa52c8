/**
 * The training and inference speed benchmark: DJL (Frontier's core trainer, plus faster lab
 * variants of its loop) timed epoch by epoch, with per-phase timers, so that
 * {@code bench/train/run.sh} can put the numbers next to the same models in PyTorch.
 */
package ml.frontier.lab.speed;
