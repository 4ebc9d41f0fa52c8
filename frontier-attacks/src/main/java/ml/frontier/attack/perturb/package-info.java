/**
 * Minimal tampering: one weight or a few changed by a given amount — the smallest modification an
 * integrity check (TamperNN markers, a hash) should still catch.
 */
package ml.frontier.attack.perturb;
