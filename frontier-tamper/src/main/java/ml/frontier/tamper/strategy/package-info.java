/**
 * Marker strategies: {@code random} (test images, the baseline), {@code boundary} (just on the
 * original side of the nearest frontier), {@code sensitive} (sensitive-sample fingerprinting, He,
 * Zhang and Lee, CVPR 2019), {@code entropy} (where several frontiers meet, as in IBSF, ICML 2024)
 * and {@code bisection} (label-only binary search between two images of different classes).
 * {@link ml.frontier.tamper.strategy.MarkerStrategies} makes them by name.
 */
package ml.frontier.tamper.strategy;
