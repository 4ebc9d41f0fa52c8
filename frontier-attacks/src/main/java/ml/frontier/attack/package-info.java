/**
 * Attacks on models: transformations that take a trained network and return an altered copy —
 * fine-tuning (FTLL/FTAL/RTLL/RTAL), magnitude pruning, k-bit quantization, trojaning and minimal
 * weight perturbation.
 *
 * <p>Every attack implements {@link ml.frontier.attack.Attack}: model in, attacked copy out (the
 * caller's model is never changed), seeded by the {@link ml.frontier.attack.AttackContext}, and
 * described by an {@link ml.frontier.attack.AttackResult} (accuracy before/after, the attack's own
 * figures). The attacked model's metadata gains an {@code attack:<name>} history step.
 *
 * <pre>{@code
 * AttackContext ctx = AttackContext.of(DatasetLoader.load("mnist"), 1, Progress.silent());
 * AttackResult r = MagnitudePruning.builder().setRate(0.5).build().apply(model, ctx);
 * r.model().save(Path.of("pruned.model"));
 * }</pre>
 */
package ml.frontier.attack;
