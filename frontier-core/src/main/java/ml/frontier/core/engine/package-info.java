/** DJL's PyTorch engine: offline start, seeding, per-thread gradient mode, the gradient-collector gate and parameter freezing. */
package ml.frontier.core.engine;
